using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using Tuopin.Application.Common;
using static Tuopin.Application.Common.WordParts;

namespace Tuopin.Application.Registry;

/// <summary>
/// The 明白卡 (精准扶贫明白卡) as Word: one household a page, A4 portrait — the household, its members (no
/// IDs), its income against each year's line and the transfer incomes of the latest year, its responsible cadre
/// and the working year's measures with the plan's arithmetic (or what is not recorded yet), the household's
/// events, and the 监督电话 line.
/// </summary>
public static class HouseholdCardDocument
{
    public const string Title = "精准扶贫明白卡";

    /// <summary>What the card says where the household has no cadre recorded.</summary>
    public const string NoCadre = "尚未登记帮扶责任人";

    /// <summary>What the card says where the household has no measure in the year.</summary>
    public const string NoMeasures = "本年度尚未登记帮扶措施";

    private const int Size = 21, BodySize = 24;
    private static readonly int[] BasicWidths = [1600, 2822, 1600, 2822];
    private static readonly int[] MemberWidths = [1100, 700, 700, 1100, 1300, 1300, 1300, 1344];
    private static readonly int[] IncomeWidths = [1400, 1900, 1900, 1900, 1744];
    private static readonly int[] TransferWidths = [2422, 2000, 2422, 2000];
    private static readonly int[] MeasureWidths = [1300, 3144, 1200, 1200, 900, 1100];

    public static byte[] Write(IReadOnlyList<HouseholdPapers.Paper> households, DateTimeOffset generatedAt, string generatedBy) =>
        WordParts.Write(main => AddStyles(main, BodySize, 32, BodySize, line: "240", headingIndent: "0", headingBefore: "120"), (main, body) =>
        {
            for (var i = 0; i < households.Count; i++)
            {
                if (i > 0) body.Append(PageBreak());
                Card(body, households[i], generatedAt, generatedBy);
            }
            body.Append(A4(landscape: false, 907, 850, 1531, 1531));
        });

    private static void Card(Body body, HouseholdPapers.Paper h, DateTimeOffset generatedAt, string generatedBy)
    {
        body.Append(WordParts.Title(Title));
        body.Append(Line($"{h.Address}　　户编号：{h.Number}", Size, JustificationValues.Center, tight: true, after: 60));

        body.Append(Heading("一、家庭基本情况"));
        body.Append(Table(BasicWidths,
        [
            [L("户主"), V(h.Head?.Name), L("家庭人口"), V($"{h.Size} 人")],
            [L("贫困户属性"), V(h.Attribute), L("识别年度"), V(h.RegistrationYear.ToString(CultureInfo.InvariantCulture))],
            [L("主要致贫原因"), V(h.MainCause), L("其他致贫原因"), V(string.Join("、", h.OtherCauses))],
            [L("脱贫状态"), V(h.Status), L("脱贫年度"), V(h.ExitYear?.ToString(CultureInfo.InvariantCulture))],
            [L("联系电话"), new Cell(h.Phone ?? string.Empty, 3)],
        ], Size));
        var members = new List<Cell[]> { new[] { "姓名", "性别", "年龄", "与户主关系", "健康状况", "劳动技能", "在校生状况", "务工状况" }.Select(t => new Cell(t)).ToArray() };
        members.AddRange(h.Members.Select(m => new[]
        {
            V(m.Name), V(m.Sex), V(m.Age.ToString(CultureInfo.InvariantCulture)), V(m.Relation), V(m.Health), V(m.Labour), V(m.Schooling), V(m.MigrantWork),
        }));
        body.Append(Table(MemberWidths, members, Size, headerRows: 1));

        body.Append(Heading("二、收入情况（元）"));
        var incomes = new List<Cell[]> { new[] { "年度", "家庭纯收入", "人均纯收入", "国家扶贫标准", "是否高于标准" }.Select(t => new Cell(t)).ToArray() };
        if (h.Incomes.Count == 0) incomes.Add([new Cell("尚无收入记录", 5)]);
        incomes.AddRange(h.Incomes.Select(i => new[]
        {
            V(i.Year.ToString(CultureInfo.InvariantCulture)), V(RegistrationFormDocument.Yuan(i.Net)), V(RegistrationFormDocument.Yuan(i.PerCapitaNet)),
            V(i.PovertyLine is { } line ? RegistrationFormDocument.Yuan(line) : "未设定"), V(i.PovertyLine is { } l ? (i.PerCapitaNet > l ? "是" : "否") : string.Empty),
        }));
        body.Append(Table(IncomeWidths, incomes, Size, headerRows: 1));
        if (h.Incomes.Count > 0)
        {
            var last = h.Incomes[^1];
            body.Append(Line($"{last.Year}年转移性收入（享受的补助，来自收入记录）：", Size, tight: true, after: 40));
            string Y(decimal d) => RegistrationFormDocument.Yuan(d);
            body.Append(Table(TransferWidths,
            [
                [new Cell("项目"), new Cell("金额"), new Cell("项目"), new Cell("金额")],
                [V("计划生育金"), V(Y(last.FamilyPlanning)), V("低保金"), V(Y(last.Dibao))],
                [V("五保金（特困供养金）"), V(Y(last.Wubao)), V("养老保险金"), V(Y(last.Pension))],
                [V("生态补偿金"), V(Y(last.EcoCompensation)), V("其他转移性收入"), V(Y(last.OtherTransfer))],
                [L("合计"), new Cell(Y(last.Transfer), 3)],
            ], Size, headerRows: 1));
        }

        var a = h.Assistance;
        body.Append(Heading(a is null ? "三、帮扶责任人和帮扶措施" : $"三、帮扶责任人和{a.Year}年帮扶措施"));
        var c = a?.Cadre;
        body.Append(Table(BasicWidths,
        [
            [L("帮扶责任人"), V(c?.Name ?? NoCadre), L("工作单位及职务"), V(c is null ? null : c.WorkUnit + (c.Position is { } p ? " " + p : string.Empty))],
            [L("联系电话"), new Cell(c?.Phone ?? string.Empty, 3)],
        ], Size));
        var measures = new List<Cell[]> { new[] { "措施类型", "措施内容", "投入（元）", "预期增收（元）", "状态", "成效" }.Select(t => new Cell(t)).ToArray() };
        if (a is null || a.Measures.Count == 0) measures.Add([new Cell(NoMeasures, 6)]);
        else measures.AddRange(a.Measures.Select(m => new[]
        {
            V(m.Type), new Cell(m.Content + (m.Member is { } who ? $"（{who}）" : string.Empty), Centred: false), V(RegistrationFormDocument.Yuan(m.Amount)),
            V(RegistrationFormDocument.Yuan(m.ExpectedIncome)), V(m.Status), V(m.Effect),
        }));
        body.Append(Table(MeasureWidths, measures, Size, headerRows: 1));
        if (a?.Plan is { } plan) body.Append(Line("帮扶计划测算：" + plan, Size, tight: true, after: 40));

        body.Append(Heading("四、脱贫动态"));
        body.Append(Line(h.Events.Count == 0 ? "尚无记录。" : string.Join("；", h.Events.Select(e => $"{e.Date:yyyy年M月d日} {e.Event}")) + "。", Size, tight: true));

        body.Append(Line("监督举报电话：＿＿＿＿＿＿＿＿　　　户主签字：＿＿＿＿＿＿", Size));
        body.Append(Line($"本卡由系统根据建档立卡记录生成（{generatedAt:yyyy年M月d日 HH:mm}，{generatedBy}），不印身份证号码。", 16, tight: true));
    }

    private static Cell L(string text) => new(text, Label: true);

    private static Cell V(string? text) => new(text ?? string.Empty);
}
