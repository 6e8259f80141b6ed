using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using Tuopin.Application.Common;
using static Tuopin.Application.Common.WordParts;

namespace Tuopin.Application.Registry;

/// <summary>
/// 扶贫开发建档立卡贫困户登记表 as Word: one household a page, A4 landscape (the members table has fourteen
/// columns), 宋体 with bordered tables, in the national form's order — the household's basic situation, its
/// members, production and living conditions, income, and the signature lines (户主, 村委会, 乡镇审核, 填表日期).
/// Only what the registry holds is printed: it keeps no bank account or land areas, so the form has no such rows,
/// and a value not recorded is left blank.
/// </summary>
public static class RegistrationFormDocument
{
    public const string Title = "扶贫开发建档立卡贫困户登记表";

    // A4 landscape, margins 2 cm left and right, 1 cm top and bottom: the text is 14,570 twips wide.
    private const int Side = 1134, TopBottom = 567;
    private const int Size = 18;      // 小五 9 pt
    private const int HeadSize = 21;  // 五号 10.5 pt
    private const int IncomeSize = 16; // 六号 8 pt: fifteen columns of amounts

    public static readonly string[] MemberHeader =
        ["序号", "姓名", "性别", "证件号码", "与户主关系", "民族", "文化程度", "在校生状况", "健康状况", "劳动技能", "务工状况", "务工时间（月）", "参加医保", "参加养老保险"];

    public static readonly string[] ConditionHeader =
        ["有无安全住房", "住房面积（㎡）", "是否土坯房", "通生活用电", "通生产用电", "饮水困难", "饮水安全", "有无卫生厕所", "距村主干路（公里）", "入户路类型", "主要燃料类型", "加入农民专业合作社"];

    public static readonly string[] IncomeHeader =
        ["年度", "计算人口", "工资性收入", "生产经营性收入", "财产性收入", "转移性收入", "其中：计划生育金", "低保金", "五保金", "养老保险金", "生态补偿金", "其他转移性收入", "生产经营性支出", "家庭纯收入", "人均纯收入"];

    private static readonly int[] BasicWidths = [1300, 1900, 1300, 2600, 1300, 2100, 1300, 2770];
    private static readonly int[] MemberWidths = [500, 1000, 500, 2300, 900, 700, 1400, 1400, 1100, 1100, 1270, 800, 800, 800];
    private static readonly int[] ConditionWidths = [1214, 1214, 1214, 1214, 1214, 1214, 1214, 1214, 1214, 1214, 1214, 1216];
    private static readonly int[] IncomeWidths = [600, 600, 1028, 1028, 1028, 1028, 1028, 1028, 1028, 1028, 1028, 1028, 1028, 1028, 1034];

    public static byte[] Write(IReadOnlyList<HouseholdPapers.Paper> households, DateTimeOffset generatedAt, string generatedBy, bool masked) =>
        WordParts.Write(main => AddStyles(main, Size, 30, HeadSize, line: "240", headingIndent: "0", headingBefore: "80"), (main, body) =>
        {
            for (var i = 0; i < households.Count; i++)
            {
                if (i > 0) body.Append(PageBreak());
                Page(body, households[i], generatedAt, generatedBy, masked);
            }
            body.Append(A4(landscape: true, TopBottom, TopBottom, Side, Side));
        });

    private static void Page(Body body, HouseholdPapers.Paper h, DateTimeOffset generatedAt, string generatedBy, bool masked)
    {
        body.Append(WordParts.Title(Title));
        body.Append(Line($"县（市、区）：{h.Place.County}　　乡（镇）：{h.Place.Township}　　村：{h.Place.Village}{(h.Group is null ? string.Empty : "　　组：" + h.Group)}　　户编号：{h.Number}", HeadSize, tight: true, after: 60));

        body.Append(Heading("一、家庭基本情况"));
        var head = h.Head;
        body.Append(Table(BasicWidths,
        [
            [L("户主姓名"), V(head?.Name), L("证件号码"), V(head?.ResidentId), L("联系电话"), V(h.Phone), L("家庭人口"), V($"{h.Size} 人")],
            [L("识别标准"), V(h.Standard), L("贫困户属性"), V(h.Attribute), L("主要致贫原因"), V(h.MainCause), L("其他致贫原因"), V(string.Join("、", h.OtherCauses))],
            [L("住址"), new Cell(h.Address, 3, Centred: false), L("识别年度"), V(Number(h.RegistrationYear)), L("脱贫状态"), V(h.Status + (h.ExitYear is { } y ? $"（{y}年）" : string.Empty))],
        ], Size));

        body.Append(Heading("二、家庭成员情况"));
        var members = new List<Cell[]> { MemberHeader.Select(t => new Cell(t)).ToArray() };
        members.AddRange(h.Members.Select((m, i) => new[]
        {
            V(Number(i + 1)), V(m.Name), V(m.Sex), V(m.ResidentId), V(m.Relation), V(m.Ethnicity), V(m.Education), V(m.Schooling),
            V(m.Health), V(m.Labour), V(m.MigrantWork), V(m.MigrantMonths is { } months ? Number(months) : null), V(YesNo(m.MedicalInsurance)), V(YesNo(m.PensionInsurance)),
        }));
        body.Append(Table(MemberWidths, members, Size, headerRows: 1));

        body.Append(Heading("三、生产生活条件"));
        body.Append(Table(ConditionWidths,
        [
            ConditionHeader.Select(t => new Cell(t)).ToArray(),
            [
                V(h.Housing), V(Decimal(h.HousingArea)), V(YesNo(h.IsAdobeHouse)), V(YesNo(h.HasLivingPower)), V(YesNo(h.HasProductionPower)),
                V(YesNo(h.DrinkingWaterDifficult)), V(YesNo(h.DrinkingWaterSafe)), V(h.HasSanitaryToilet ? "有" : "无"), V(Decimal(h.DistanceToMainRoadKm)),
                V(h.EntryRoad), V(h.MainFuel), V(YesNo(h.InCooperative)),
            ],
        ], Size, headerRows: 1));

        body.Append(Heading("四、家庭收入情况（元）"));
        var incomes = new List<Cell[]> { IncomeHeader.Select(t => new Cell(t)).ToArray() };
        if (h.Incomes.Count == 0)
            incomes.Add([new Cell("尚无收入记录", IncomeHeader.Length)]);
        incomes.AddRange(h.Incomes.Select(i => new[]
        {
            V(Number(i.Year)), V(Number(i.HouseholdSize)), V(Yuan(i.Wage)), V(Yuan(i.Production)), V(Yuan(i.Property)), V(Yuan(i.Transfer)),
            V(Yuan(i.FamilyPlanning)), V(Yuan(i.Dibao)), V(Yuan(i.Wubao)), V(Yuan(i.Pension)), V(Yuan(i.EcoCompensation)), V(Yuan(i.OtherTransfer)),
            V(Yuan(i.ProductionExpense)), V(Yuan(i.Net)), V(Yuan(i.PerCapitaNet)),
        }));
        body.Append(Table(IncomeWidths, incomes, IncomeSize, headerRows: 1));
        var lines = h.Incomes.Where(i => i.PovertyLine is not null).Select(i => $"{i.Year}年 {Yuan(i.PovertyLine!.Value)} 元").ToList();
        body.Append(Line("人均纯收入 = 家庭纯收入 ÷ 计算人口" + (lines.Count > 0 ? "；国家扶贫标准：" + string.Join("，", lines) : string.Empty)
            + $"。本表由系统根据建档立卡记录生成（{generatedAt:yyyy年M月d日 HH:mm}，{generatedBy}）{(masked ? "，证件号码和联系电话按查看权限遮盖" : string.Empty)}。", 15, tight: true, after: 60));
        body.Append(Line("户主签字（按手印）：＿＿＿＿＿＿　　村委会（盖章）：＿＿＿＿＿＿　　乡镇审核（盖章）：＿＿＿＿＿＿　　填表日期：　　　　年　　月　　日", HeadSize, tight: true));
    }

    private static Cell L(string text) => new(text, Label: true);

    private static Cell V(string? text) => new(text ?? string.Empty);

    private static string YesNo(bool value) => value ? "是" : "否";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string? Decimal(decimal? d) => d?.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Yuan(decimal d) => d.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
