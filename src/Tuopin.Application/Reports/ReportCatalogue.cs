using Tuopin.Domain.Assistance;

namespace Tuopin.Application.Reports;

/// <summary>The level a form is drawn at: the county (a row per township), a township (a row per village) or one village.</summary>
public enum ReportLevel { County = 1, Township = 2, Village = 3 }

/// <summary>How a column's figures are written: whole numbers, yuan with the ledger's fen, or a rate in per cent.</summary>
public enum ReportValue { Count = 1, Yuan = 2, Percent = 3 }

/// <summary>
/// One column of a form. A percent column is not summed: its figure, on every row and on the totals row, is
/// <see cref="Numerator"/> over <see cref="Denominator"/> (keys of two other columns), so the totals row's rate is the rate of the totals.
/// </summary>
public sealed record ReportColumn(string Key, string Zh, string En, ReportValue Value = ReportValue.Count, string? Numerator = null, string? Denominator = null);

/// <summary>
/// A standard report form (报表): its code, titles, unit of measure, fixed columns, the levels it is drawn at and
/// its counting rules (口径), printed under its table on screen and in the file.
/// </summary>
public sealed record ReportForm(
    string Code, string Zh, string En, string UnitZh, string UnitEn, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportLevel> Levels, string BasisZh, string BasisEn);

/// <summary>
/// Every report form in one place. The 口径 says, in the county's words, which records each figure counts; the
/// figures come from <see cref="GetReport"/>, which the page, the API, the CLI and the file all call.
/// </summary>
public static class ReportCatalogue
{
    public const string Population = "population";
    public const string Assistance = "assistance";
    public const string VillageExits = "village-exits";
    public const string ProjectFunds = "project-funds";
    public const string Training = "training";

    /// <summary>
    /// The forms counted up to a chosen day of the year (population, assistance, training); the others count the year's
    /// records (a village's exit year, a project's year) and take no day.
    /// </summary>
    public static bool CountsToADay(string code) => code is Population or Assistance or Training;

    private static readonly ReportLevel[] AllLevels = [ReportLevel.County, ReportLevel.Township, ReportLevel.Village];

    public static readonly IReadOnlyList<ReportForm> All =
    [
        new(Population, "贫困人口动态变化表", "Dynamic change of the poor population", "户、人", "households, people",
            [
                new("start_h", "年初贫困户数", "Poor households at the start of the year"), new("start_p", "年初贫困人口", "Poor people at the start of the year"),
                new("new_h", "新识别户数", "Households newly registered"), new("new_p", "新识别人数", "People newly registered"),
                new("exit_h", "脱贫户数", "Households exited"), new("exit_p", "脱贫人数", "People exited"),
                new("return_h", "返贫户数", "Households returned to poverty"), new("return_p", "返贫人数", "People returned to poverty"),
                new("removed_h", "清退户数", "Households removed"), new("removed_p", "清退人数", "People removed"),
                new("end_h", "年末贫困户数", "Poor households at the end of the year"), new("end_p", "年末贫困人口", "Poor people at the end of the year"),
            ],
            AllLevels,
            "年初、年末贫困户（人）：截至上年 12 月 31 日、本年 12 月 31 日（或所选日期），各户在该日及以前最后一次动态变动后的状态为未脱贫或返贫的户数及其变动后家庭人口；户所在乡镇、村按该次变动后的所在地计。"
            + "新识别、脱贫、返贫、清退：本年 1 月 1 日至 12 月 31 日（或所选日期）登记的识别、脱贫、返贫、清退变动的户数及其变动后家庭人口（一户一年内多次同类变动按次计）。已并户注销的户不计。数字与首页“截至某日”的贫困户统计同一口径。",
            "Start and end of the year: households whose latest recorded event on or before 31 December of the previous year / of the year (or the date chosen) left them not exited or returned, with the household size after that event, placed in the township and village of that event. "
            + "New, exited, returned, removed: events of those kinds dated within the year (up to the date chosen), each counted with the household size after it. Households closed by a merge are not counted. The same basis as the dashboard's registry figures as of a date."),
        new(Assistance, "帮扶情况表", "Household assistance", "户、人、项", "households, people, measures",
            [
                new("households", "帮扶对象户数", "Households to assist"), new("paired", "已结对户数", "Households paired with a cadre"),
                new("cadres", "结对帮扶干部人数", "Cadres paired"), new("measures", "帮扶措施数", "Measures"),
                .. MeasureTypes.Codes.Items.Select(i => new ReportColumn("m" + i.Code, i.Zh, i.En)),
            ],
            AllLevels,
            "帮扶对象：上年末仍为贫困户（未脱贫、返贫，或脱贫年度晚于上年）且未注销的户，与“帮扶覆盖”页面同一口径。已结对户：截至本年 12 月 31 日（本年为今日；或所选日期）有在结对帮扶干部的帮扶对象户。结对帮扶干部人数：与这些户在结对的干部人数（一人帮多户计一人）。"
            + "帮扶措施：帮扶对象户本年度登记的措施（不含已取消），按措施类型分列，单位为项。",
            "Households to assist: households still poor at the end of the previous year and not closed, the same basis as the assistance-coverage page. Paired: of these, households with a cadre assigned on 31 December of the year (today for the current year; or the date chosen). Cadres: the distinct cadres paired with them. "
            + "Measures: the year's measures of these households (not cancelled), by type."),
        new(VillageExits, "贫困村出列情况表", "Poor villages' exit", "个", "villages",
            [
                new("villages", "行政村数", "Villages"), new("poor", "贫困村数", "Poor villages"),
                new("planned", "计划本年出列", "Planned to exit this year"), new("started", "已启动出列程序", "Exit procedure opened"),
                new("ready", "达到出列标准", "Meeting the exit standards"), new("exited", "已批准出列", "Exit approved"),
                new("planned_later", "计划以后年度出列", "Planned to exit later"),
            ],
            AllLevels,
            "行政村数、贫困村数：区域内的村（社区）和贫困村。计划本年出列：计划出列年度为本年的贫困村。已启动出列程序、达到出列标准、已批准出列：取自“贫困村出列”看板本年度各村的程序和按当日记录测算的达标情况（同一查询）。计划以后年度出列：计划出列年度晚于本年的贫困村。",
            "Villages and poor villages: the villages (communities) of the area and its poor villages. Planned this year: poor villages whose planned exit year is the year. Procedure opened, meeting the standards, exit approved: from the village exit board of the year (the same query), readiness by today's records. Planned later: poor villages planned to exit after the year."),
        new(ProjectFunds, "项目资金情况表", "Projects and funds", "个、元", "projects, yuan",
            [
                new("projects", "项目个数", "Projects"), new("started", "已开工", "Started"), new("accepted", "已验收", "Accepted"), new("closed", "已销号", "Closed"),
                new("budget", "项目预算（元）", "Budget (yuan)", ReportValue.Yuan), new("allocated", "已分配资金（元）", "Allocated (yuan)", ReportValue.Yuan),
                new("disbursed", "已支付资金（元）", "Paid (yuan)", ReportValue.Yuan), new("rate", "支出进度（%）", "Spending rate (%)", ReportValue.Percent, "disbursed", "allocated"),
            ],
            [ReportLevel.County, ReportLevel.Township],
            "项目：本年度项目库中的项目，按责任乡镇分列（无责任乡镇的为“县直”）。已开工：已进入实施及以后环节；已验收：验收及以后；已销号：销号。已分配资金：各资金来源下达到这些项目的金额（扣除调减）；已支付资金：已向承包方和农户支付的金额（扣除退回），与资金台账同一口径。"
            + "支出进度 = 已支付 ÷ 已分配。金额为元，保留到分。",
            "Projects: the year's projects in the project library, by responsible township (none: county level). Started: at implementation or a later step; accepted: acceptance or later; closed: closed. Allocated: money of every source given to them (net of reductions); paid: paid to contractors and households (net of refunds), the basis of the fund ledger. "
            + "Spending rate = paid ÷ allocated. Yuan with fen."),
        new(Training, "培训情况表", "Training", "期、人次、人", "courses, attendances, people",
            [
                new("courses", "培训期数", "Courses"), new("attendances", "参训人次", "Attendances"), new("people", "培训人数", "People trained"),
                .. TrainingKinds.Codes.Items.Select(i => new ReportColumn("k" + i.Code, i.Zh + "（人）", i.En + " (people)")),
            ],
            AllLevels,
            "培训期数：本年结束、有本区域人员参加的培训班期数。参训人次：本年结束的培训班中本区域人员完成培训的人次。培训人数：按人计，一人参加多期只计一人（同一成员，或同村同名），计人规则与“培训”页面相同；按培训类别分列的人数为各类别人数。",
            "Courses: courses ended in the year attended by people of the area. Attendances: completed attendances of the area's people at those courses. People: one person counts once however many courses (the same member, or the same name in the same village), the training page's rule for counting people; by kind, the people of each kind."),
    ];

    public static ReportForm? Find(string code) => All.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.OrdinalIgnoreCase));
}
