using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using Tuopin.Application.Common;
using static Tuopin.Application.Common.WordParts;

namespace Tuopin.Application.Registry;

/// <summary>
/// The 公示名单 as Word: A4 portrait, the notice's title, an opening sentence with the counts, the list
/// (序号, 户编号, 户主姓名, 家庭人口, 贫困户属性, 主要致贫原因, 户主身份证号码 masked), the notice period (the
/// recorded dates, or blanks to fill in), where to object, 监督电话 lines to fill in, the village committee's
/// seal and date.
/// </summary>
public static class PublicListDocument
{
    public static readonly string[] Header = ["序号", "户编号", "户主姓名", "家庭人口", "贫困户属性", "主要致贫原因", "户主身份证号码"];

    private static readonly int[] Widths = [500, 2300, 1000, 700, 1100, 1344, 1900];
    private const int Size = 18, BodySize = 24;
    private const string Blank = "＿＿＿＿＿＿＿＿";

    public static byte[] Write(PrintPublicList.Model m) =>
        WordParts.Write(main => AddStyles(main, BodySize, 36, BodySize), (main, body) =>
        {
            var footer = AddPageNumberFooter(main, Size);
            body.Append(WordParts.Title(m.Title));
            var count = $"共 {m.Rows.Count} 户 {m.People} 人";
            body.Append(Paragraph(m.Kind == PublicListKind.Exit
                ? $"根据贫困户退出程序，经村“两委”民主评议、村委会和驻村工作队核实、拟退出户认可，{m.Place.Village}{m.Year}年拟退出贫困户{count}，现予公示，名单如下："
                : $"根据建档立卡贫困户识别程序，经农户申请、村民主评议，{m.Place.Village}{m.Year}年新识别建档立卡贫困户{count}，现予公示，名单如下："));
            body.Append(Table(Widths, Header,
                m.Rows.Count == 0 ? [["", "（无）", "", "", "", "", ""]]
                : m.Rows.Select((r, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), r.Number, r.Head, r.Size.ToString(CultureInfo.InvariantCulture), r.Attribute, r.MainCause, r.ResidentId }),
                [true, true, true, true, true, true, true], Size));
            body.Append(Gap());
            body.Append(Paragraph(m.NoticeFrom is { } from && m.NoticeTo is { } to
                ? $"公示时间：{from:yyyy年M月d日}至{to:yyyy年M月d日}。"
                : "公示时间：　　　　年　　月　　日至　　　　年　　月　　日。"));
            body.Append(Paragraph("公示期间，对名单有异议的，可向村委会、乡镇人民政府或县扶贫开发办公室实名或匿名反映。"));
            body.Append(Paragraph($"监督电话：村委会 {Blank}　乡镇 {Blank}　县扶贫办 {Blank}"));
            body.Append(Gap());
            body.Append(Line($"{m.Place.Village}村民委员会（盖章）", BodySize, JustificationValues.Right));
            body.Append(Line("　　　　年　　月　　日", BodySize, JustificationValues.Right));
            body.Append(Line($"身份证号码只显示前六位。本名单由系统根据记录生成（{m.GeneratedAt:yyyy年M月d日 HH:mm}，{m.GeneratedBy}）。", 18, tight: true));
            body.Append(A4(landscape: false, 1440, 1440, 1531, 1531, footer));
        });

    private static Paragraph Paragraph(string text) =>
        new(new ParagraphProperties(new Indentation { FirstLine = "480" }, new Justification { Val = JustificationValues.Both }), TextRun(text, BodySize));
}
