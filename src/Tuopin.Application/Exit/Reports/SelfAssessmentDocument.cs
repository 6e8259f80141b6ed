using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Tuopin.Application.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// The self-assessment report as a Word document (.docx): A4 with the margins of official documents
/// (GB/T 9704), body in 宋体 and headings in 黑体 (set as the East Asian font, so LibreOffice and WPS use
/// them for Chinese), the title, an opening paragraph built from the figures, the basic-situation table, the
/// standards table (标准 | 指标值 | 标准值 | 是否达标), for a township its poor villages, the responsible units,
/// the conclusion with every failing standard, and the signature lines. Page numbers in the footer. The
/// county's report (贫困县退出) prints the evaluation's three rates in the standards table and a paragraph of
/// their own, and lists the county's townships where a township lists its poor villages.
/// </summary>
public static class SelfAssessmentDocument
{
    public const string ContentType = WordParts.ContentType;

    private const string Song = WordParts.Song;

    // A4 in twips, margins 3.7 / 3.5 / 2.8 / 2.6 cm; the text is 8,844 twips wide.
    private const int PageWidth = 11906, PageHeight = 16838, MarginTop = 2098, MarginBottom = 1984, MarginLeft = 1588, MarginRight = 1474;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    private const int BodySize = 28;   // 四号 14 pt, in half-points
    private const int TableSize = 21;  // 五号 10.5 pt
    private const int HeadingSize = 30; // 小三 15 pt
    private const int TitleSize = 40;  // 小二 18 pt

    public static byte[] Write(SelfAssessmentReport.Model m)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            WordParts.AddStyles(main, BodySize, TitleSize, HeadingSize);
            var footer = WordParts.AddPageNumberFooter(main, TableSize);

            var body = new Body();
            body.Append(Title(m.Title));
            body.Append(Centered($"（{m.County}{m.AreaName}　行政区划代码 {m.AreaCode}）", TableSize));
            body.Append(Body(Opening(m)));

            body.Append(Heading("一、基本情况"));
            body.Append(Body($"{m.Year}年国家扶贫标准为农民人均纯收入 {Yuan(m.PovertyLine)} 元。{(m.PlannedExitYear is { } planned ? $"按县减贫摘帽实施方案，本{m.Kind}计划于{planned}年出列。" : string.Empty)}建档立卡贫困户情况如下（数据来源：建档立卡信息系统，截至{m.Year}年底）："));
            body.Append(Table([5644, 1600, 1600], ["项目", "户数", "人数"],
                SelfAssessmentWorkbook.HouseholdRows(m).Select(r => r.Select(Cell).ToArray()), [false, true, true]));

            body.Append(Heading("二、对照退出标准自查情况"));
            body.Append(Body(m.Level == ExitLevel.County
                ? "对照贫困县退出标准（综合贫困发生率、错退率、漏评率、群众认可度），逐项自查如下："
                : $"对照县确定的{(m.Level == ExitLevel.Village ? "贫困村" : "贫困乡镇")}退出标准，逐项自查如下："));
            body.Append(Table([700, 2744, 1800, 1800, 1800], ["序号", "标准", "指标值", "标准值", "是否达标"],
                m.Standards.Select((s, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), s.Name, s.Figure, s.Limit, s.StateText }), [true, false, true, true, true]));
            foreach (var (s, i) in m.Standards.Select((s, i) => (s, i)))
                body.Append(Body($"（{i + 1}）{s.Name}：{s.Explanation}{(s.State == ConditionState.NotEvaluated ? "（未能评估）" : string.Empty)}。"));

            var section = 3;
            if (m.Level == ExitLevel.County)
            {
                body.Append(Heading($"{Numeral(section++)}、第三方评估抽样调查结果"));
                body.Append(Body(m.Rates.Any(r => r.State != ConditionState.NotEvaluated)
                    ? $"据第三方评估抽样调查（数据来源：评估抽样及入户核查记录），{string.Join("，", m.Rates.Select(r => $"{r.Name} {r.Figure}（标准 {r.Limit}）"))}。"
                    : "尚未开展第三方评估抽样调查，错退率、漏评率和群众认可度未能评估。"));
                body.Append(Heading($"{Numeral(section++)}、乡镇出列情况"));
                var ready = m.Villages.Count(v => v.Ready);
                body.Append(Body($"全县共有乡镇 {m.Villages.Count} 个，{m.Year}年达到出列标准 {ready} 个{(ready < m.Villages.Count ? $"，未达标 {m.Villages.Count - ready} 个" : string.Empty)}。"));
                if (m.Villages.Count > 0)
                    body.Append(Table([600, 1800, 1000, 1344, 1300, 1300, 1500], ["序号", "乡镇", "计划出列", "剩余贫困人口", "户籍人口", "贫困发生率", "是否达标"],
                        m.Villages.Select((v, i) => new[]
                        {
                            (i + 1).ToString(CultureInfo.InvariantCulture), v.Name, v.PlannedExitYear?.ToString(CultureInfo.InvariantCulture) ?? "—",
                            (v.RemainingPeople - v.ReadyPeople).ToString("N0", CultureInfo.InvariantCulture),
                            v.RegisteredPopulation?.ToString("N0", CultureInfo.InvariantCulture) ?? "未录入",
                            v.Incidence is { } inc ? HouseholdStandard.Percent(inc) : "—", v.Ready ? "达标" : "未达标",
                        }), [true, false, true, true, true, true, true]));
            }
            if (m.Level == ExitLevel.Township)
            {
                body.Append(Heading($"{Numeral(section++)}、贫困村出列情况"));
                var ready = m.Villages.Count(v => v.Ready);
                body.Append(Body(m.Villages.Count == 0
                    ? $"本乡镇没有贫困村。"
                    : $"本乡镇共有贫困村 {m.Villages.Count} 个，{m.Year}年达到出列标准 {ready} 个{(ready < m.Villages.Count ? $"，未达标 {m.Villages.Count - ready} 个" : string.Empty)}。"));
                if (m.Villages.Count > 0)
                    body.Append(Table([600, 1500, 1000, 1144, 1200, 1200, 1200, 1000], ["序号", "村", "计划出列", "剩余贫困人口", "户籍人口", "贫困发生率", "本年达标户", "是否达标"],
                        m.Villages.Select((v, i) => new[]
                        {
                            (i + 1).ToString(CultureInfo.InvariantCulture), v.Name, v.PlannedExitYear?.ToString(CultureInfo.InvariantCulture) ?? "—",
                            (v.RemainingPeople - v.ReadyPeople).ToString("N0", CultureInfo.InvariantCulture),
                            v.RegisteredPopulation?.ToString("N0", CultureInfo.InvariantCulture) ?? "未录入",
                            v.Incidence is { } inc ? HouseholdStandard.Percent(inc) : "—",
                            v.ReadyHouseholds.ToString("N0", CultureInfo.InvariantCulture), v.Ready ? "达标" : "未达标",
                        }), [true, false, true, true, true, true, true, true]));
                foreach (var v in m.Villages.Where(v => !v.Ready))
                    body.Append(Body($"{v.Name}未达标：{v.Failing}。"));
            }

            if (m.Responsible.Count > 0)
            {
                body.Append(Heading($"{Numeral(section++)}、责任单位"));
                body.Append(Body("按县减贫摘帽实施方案，本项工作的责任单位和责任人为："));
                foreach (var r in m.Responsible)
                    body.Append(Body($"{r.Duty}：{r.Unit}{(r.Section is { } sec ? $"（方案第{sec}条）" : string.Empty)}。"));
            }

            body.Append(Heading($"{Numeral(section)}、自查结论"));
            body.Append(Body(Conclusion(m)));

            body.Append(Blank());
            if (m.Level == ExitLevel.County)
            {
                body.Append(Right($"中共{m.County}委员会（盖章）　{m.County}人民政府（盖章）"));
                body.Append(Right($"县委书记（签字）：{Gap}　县长（签字）：{Gap}"));
            }
            else if (m.Level == ExitLevel.Village)
            {
                body.Append(Right($"{m.AreaName}“两委”（盖章）"));
                body.Append(Right($"村党组织书记（签字）：{Gap}　村委会主任（签字）：{Gap}"));
            }
            else
            {
                body.Append(Right($"中共{m.Township}委员会（盖章）　{m.Township}人民政府（盖章）"));
                body.Append(Right($"党委书记（签字）：{Gap}　乡镇长（签字）：{Gap}"));
            }
            body.Append(Right("　　　　年　　月　　日"));
            body.Append(Note($"本报告的数据由系统根据建档立卡记录生成，生成时间 {m.GeneratedAt:yyyy年M月d日 HH:mm}，生成人 {m.GeneratedBy}。"));

            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = footer },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private const string Gap = "　　　　　　";

    /// <summary>“截至 2016 年底，全村建档立卡贫困户 N 户 M 人，已脱贫 …，贫困发生率 x%，低于 2% 的退出标准。”</summary>
    public static string Opening(SelfAssessmentReport.Model m)
    {
        var h = m.Households;
        var whole = m.Level switch { ExitLevel.Village => "全村", ExitLevel.Township => "全乡镇", _ => "全县" };
        var exited = h.ExitedByYear.Count == 0
            ? "尚无已脱贫户"
            : $"已脱贫 {h.ExitedHouseholds:N0} 户 {h.ExitedPeople:N0} 人（{string.Join("，", h.ExitedByYear.Select(y => $"{y.Year}年 {y.Households:N0} 户 {y.People:N0} 人"))}）";
        var text = $"截至{m.Year}年底，{whole}建档立卡贫困户 {h.RegisteredHouseholds:N0} 户 {h.RegisteredPeople:N0} 人，{exited}，尚有贫困户 {h.RemainingHouseholds:N0} 户 {h.RemainingPeople:N0} 人";
        if (h.RemainingHouseholds > 0) text += $"，其中本年达到脱贫标准 {h.ReadyHouseholds:N0} 户 {h.ReadyPeople:N0} 人";
        var incidence = m.Standards.FirstOrDefault(s => s.Rule.EndsWith("_incidence", StringComparison.Ordinal));
        if (h.Incidence is { } rate && h.RegisteredPopulation is { } population)
        {
            var limit = incidence?.Threshold is { } t ? HouseholdStandard.Percent(t) : null;
            text += $"。按本年达标户退出计算，剩余贫困人口 {h.ProjectedRemainingPeople:N0} 人，户籍人口 {population:N0} 人，贫困发生率 {HouseholdStandard.Percent(rate)}";
            if (limit is not null) text += incidence!.Met ? $"，低于 {limit} 的退出标准" : $"，未低于 {limit} 的退出标准";
        }
        else text += "。户籍人口未录入，贫困发生率无法计算";
        return text + "。";
    }

    public static string Conclusion(SelfAssessmentReport.Model m)
    {
        var kind = m.Level switch { ExitLevel.Village => "贫困村", ExitLevel.Township => "贫困乡镇", _ => "贫困县" };
        if (m.Ready)
            return $"经自查，{m.AreaName}{m.Year}年各项指标均达到{kind}退出标准（共 {m.Standards.Count} 项），特申请考核验收。";
        var failing = m.Failing.ToList();
        return $"经自查，{m.AreaName}{m.Year}年未达到{kind}退出标准，共 {m.Standards.Count} 项标准中 {failing.Count} 项未达标或未能评估："
            + string.Join("；", failing.Select((s, i) => $"{i + 1}. {s.Name}（{s.StateText}）：{s.Explanation}")) + "。待上述问题解决后再申请考核验收。";
    }

    private static string Yuan(decimal yuan) => HouseholdStandard.Yuan(yuan);

    private static string Numeral(int n) => n switch { 1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", _ => n.ToString(CultureInfo.InvariantCulture) };

    private static string Cell(object? value) => value switch
    {
        null => "—",
        int i => i.ToString("N0", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static Run TextRun(string text, int size, string? eastAsia = null) => WordParts.TextRun(text, size, eastAsia);

    private static Paragraph Title(string text) => WordParts.Title(text);

    private static Paragraph Heading(string text) => WordParts.Heading(text);

    private static Paragraph Body(string text) =>
        new(new ParagraphProperties(new Indentation { FirstLine = "560" }, new Justification { Val = JustificationValues.Both }),
            new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph Centered(string text, int size) =>
        new(new ParagraphProperties(new SpacingBetweenLines { After = "240" }, new Justification { Val = JustificationValues.Center }), TextRun(text, size, Song));

    private static Paragraph Right(string text) =>
        new(new ParagraphProperties(new Justification { Val = JustificationValues.Right }), new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph Note(string text) =>
        new(new ParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }), TextRun(text, 18, Song));

    private static Paragraph Blank() => new(new Run(new Text(string.Empty)));

    /// <summary>A table followed by a small gap, so the next paragraph does not touch its bottom border.</summary>
    private static OpenXmlElement[] Table(int[] widths, string[] header, IEnumerable<string[]> rows, bool[] centred) =>
        [WordParts.Table(widths, header, rows, centred, TableSize), WordParts.Gap()];
}
