using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Tuopin.Application.Common;

namespace Tuopin.Application.Reports;

/// <summary>
/// A work summary draft as .docx (A4, margins of official documents, 宋体 body, 黑体 headings, page numbers):
/// title, every section's heading, the paragraphs written from the figures, each table with its source (数据来源 /
/// 口径) in small type under it, and the placeholder (【请在此补充…】) the officer replaces. Built on <see cref="WordParts"/>.
/// </summary>
public static class SummaryDocument
{
    public const string ContentType = WordParts.ContentType;

    private const int BodySize = 32;    // 三号 16 pt, as official documents
    private const int TableSize = 21;   // 五号
    private const int NoteSize = 18;    // 小五
    private const int HeadingSize = 32;
    private const int TitleSize = 44;   // 二号
    private const int TextWidth = WordParts.A4Short - 1588 - 1474;

    public static byte[] Write(DraftWorkSummary.Model m) => WordParts.Write(
        main => WordParts.AddStyles(main, BodySize, TitleSize, HeadingSize, line: "560"),
        (main, body) =>
        {
            var footer = WordParts.AddPageNumberFooter(main, TableSize);
            body.Append(WordParts.Title(m.Title));
            body.Append(WordParts.Line($"（草稿，{m.GeneratedAt:yyyy年M月d日} 由 {m.GeneratedBy} 根据系统记录生成，数字以系统记录为准，其余内容请修改补充）", NoteSize, JustificationValues.Center, tight: true, after: 240));
            body.Append(Body("【请在此补充总体情况概述】"));
            foreach (var s in m.Sections)
            {
                body.Append(WordParts.Heading(s.Heading));
                foreach (var p in s.Paragraphs) body.Append(Body(p));
                foreach (var t in s.Tables)
                {
                    var width = TextWidth / t.Header.Count;
                    var widths = Enumerable.Repeat(width, t.Header.Count).ToArray();
                    body.Append(WordParts.Table(widths, t.Header.ToArray(), t.Rows.Select(r => r.ToArray()), t.Header.Select((_, i) => i > 0).ToArray(), TableSize));
                    body.Append(WordParts.Line(t.Source, NoteSize, tight: true, after: 120));
                }
                body.Append(Body(s.Placeholder));
            }
            body.Append(WordParts.A4(landscape: false, 2098, 1984, 1588, 1474, footer));
        });

    private static Paragraph Body(string text) =>
        new(new ParagraphProperties(new Indentation { FirstLine = "640" }, new Justification { Val = JustificationValues.Both }),
            new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
}
