using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Funds;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Reports;

/// <summary>
/// The draft of a half-year or annual work summary (半年 / 年度工作总结) of the county or one township, filled
/// from the records: progress against the plan's targets (<see cref="GetProgress"/>), exits (households,
/// villages, townships), assistance (<see cref="GetAssistanceCoverage"/>), funds (<see cref="GetFundLedger"/>) and inspections
/// (<see cref="GetFindingStats"/>), all as of one day (<see cref="AsOfDay"/>: a half-year summary's 30 June, the annual one's
/// 31 December, or today when earlier — never the day of drafting after the period),
/// each table with the query and counting rule (口径) its figures come from, around placeholders the officer
/// replaces (【请在此补充…】). <see cref="SummaryDocument"/> writes it as .docx.
/// Area rules: the county administrator, line departments and inspectors draft the county's or any
/// township's; a township officer only their own township's; a village officer none.
/// </summary>
public sealed class DraftWorkSummary(Database database, GetProgress progress, GetAssistanceCoverage coverage, GetFundLedger ledger, GetFindingStats findings, Audit.AccessLog log)
{
    /// <param name="Year">The year summarised.</param>
    /// <param name="Half">1 (上半年) or 2 (下半年); null for the annual summary.</param>
    /// <param name="TownshipId">A township; null for the county.</param>
    public sealed record Request(int Year, int? Half = null, Guid? TownshipId = null);

    /// <summary>A table of figures with the source (查询 / 口径) printed under it.</summary>
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string Source);

    /// <summary>A section: heading, the paragraphs written from the figures, tables, and the placeholder the officer fills.</summary>
    public sealed record Section(string Key, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<Table> Tables, string Placeholder);

    public sealed record Model(string Title, string Area, int Year, int? Half, IReadOnlyList<Section> Sections, DateTimeOffset GeneratedAt, string GeneratedBy)
    {
        /// <summary>The day every figure of the summary is counted as of (<see cref="AsOfDay"/>).</summary>
        public DateOnly AsOf { get; init; }

        /// <summary>A file name without extension: 来凤县-2016-年度工作总结.</summary>
        public string FileStem => $"{Area}-{Year}-{(Half is { } h ? (h == 1 ? "上半年" : "下半年") : "年度")}工作总结";
    }

    /// <summary>The sections in order, by key.</summary>
    public static readonly IReadOnlyList<string> SectionOrder =
    [
        "progress",
        "exits",
        "assistance",
        "funds",
        "inspections",
        "plans",
    ];

    /// <summary>
    /// The day the summary counts as of: the end of the period (30 June for the first half, 31 December otherwise), or
    /// today when that is earlier (a summary of the current period drafted before its end).
    /// </summary>
    public static DateOnly AsOfDay(int year, int? half, DateOnly today)
    {
        var end = half == 1 ? new DateOnly(year, 6, 30) : new DateOnly(year, 12, 31);
        return today < end ? today : end;
    }

    public async Task<Model> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        var scope = actor.Scope;
        var problems = new List<Problem>();
        if (request.Year is < 2000 or > 2100)
            problems.Add(new Problem("year", "summary.year", new LocalText("年度不正确", "The year is not valid")));
        if (request.Half is not (null or 1 or 2))
            problems.Add(new Problem("half", "summary.half", new LocalText("半年只能是 1（上半年）或 2（下半年）", "The half is 1 or 2")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        if (scope.Level == AreaLevel.Village)
            throw new ForbiddenException(new LocalText("工作总结由县、乡镇起草", "Work summaries are drafted by the county and the townships"));
        if (scope.Level == AreaLevel.Township && request.TownshipId is null)
            throw new ForbiddenException(new LocalText("乡镇只能起草本乡镇的工作总结", "A township drafts its own summary only"));

        string area;
        await using (var db = database.Open())
        {
            if (request.TownshipId is { } t)
            {
                var township = await db.Townships.AsNoTracking().Where(x => x.Id == t).Select(x => new { x.Name, x.CountyId }).FirstOrDefaultAsync(ct);
                if (township is null || !scope.Covers(township.CountyId, t, Guid.Empty) && !(scope.Level == AreaLevel.Township && scope.TownshipId == t))
                    throw new NotFoundException(new LocalText("没有这个乡镇，或不在您的管辖范围内", "No such township in your area"));
                area = township.Name;
            }
            else
                area = await db.Counties.AsNoTracking().Where(c => scope.Level == AreaLevel.Everything || c.Id == scope.CountyId).Select(c => c.Name).FirstOrDefaultAsync(ct)
                    ?? throw new NotFoundException(new LocalText("没有本县的数据", "No county"));
        }

        var asOf = AsOfDay(request.Year, request.Half, database.Clock.Today());
        var p = await progress.HandleAsync(new GetProgress.Query(request.Year, asOf), ct);
        var unit = request.TownshipId is { } id
            ? p.Townships.FirstOrDefault(u => u.Id == id) ?? throw new NotFoundException(new LocalText("进度中没有这个乡镇", "The progress does not list this township"))
            : p.County;
        var period = request.Half switch { 1 => "上半年", 2 => "下半年", _ => "年度" };
        var title = $"{area}{request.Year}年{(request.Half is null ? "" : period)}脱贫攻坚{(request.Half is null ? "年度" : "")}工作总结";
        var sections = new List<Section>
        {
            Progress(p, unit, request, asOf),
            await ExitsAsync(unit, request, asOf, ct),
            await AssistanceAsync(request, asOf, ct),
            await FundsAsync(request, asOf, ct),
            await InspectionsAsync(request, asOf, ct),
            new("plans", $"{Numeral(SectionOrder.Count)}、存在的问题和下一步工作打算", [], [], "【请在此补充存在的问题、下一步工作打算】"),
        };
        var model = new Model(title, area, request.Year, request.Half, sections, database.Clock.GetLocalNow(), actor.ShownName) { AsOf = asOf };
        await log.ExportAsync(actor, "WorkSummary", request.TownshipId ?? Guid.Empty, new { request.Year, request.Half, file = model.FileStem }, "起草工作总结", ct);
        return model;
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Numeral(int n) => n switch { 1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", _ => n.ToString(CultureInfo.InvariantCulture) };

    private static string Heading(string key, string text) => $"{Numeral(SectionOrder.ToList().IndexOf(key) + 1)}、{text}";

    private static string AsOf(DateOnly day) => $"截至{day:yyyy年M月d日}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Progress against the plan: the unit's registered, exited and remaining poor and the incidence, and for the county the year's target.</summary>
    private static Section Progress(GetProgress.Result p, GetProgress.Unit u, Request r, DateOnly asOf)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "建档立卡贫困户（累计）", N(u.Registered.Households), N(u.Registered.People) },
            new[] { "已脱贫", N(u.Exited.Households), N(u.Exited.People) },
            new[] { "剩余贫困", N(u.Remaining.Households), N(u.Remaining.People) },
        };
        var exitsThisYear = u.Exits.FirstOrDefault(e => e.Year == r.Year);
        rows.Add(new[] { $"{r.Year}年脱贫", N(exitsThisYear?.Households ?? 0), N(exitsThisYear?.People ?? 0) });
        var year = p.Years.FirstOrDefault(y => y.Year == r.Year);
        if (u.Level == GetProgress.County && year is not null)
            rows.Add(new[] { $"方案{r.Year}年减贫目标", N(year.Target.Households), N(year.Target.People) });
        var incidence = u.IncidenceRate is { } rate ? HouseholdStandard.Percent(rate) : "未能计算（户籍人口未录入）";
        var paragraph = $"{AsOf(asOf)}，{u.Name}建档立卡贫困户 {N(u.Registered.Households)} 户 {N(u.Registered.People)} 人，已脱贫 {N(u.Exited.Households)} 户 {N(u.Exited.People)} 人，"
            + $"剩余贫困 {N(u.Remaining.Households)} 户 {N(u.Remaining.People)} 人，贫困发生率 {incidence}。";
        return new Section("progress", Heading("progress", "减贫目标完成情况"), [paragraph],
            [new Table(["项目", "户数", "人数"], rows,
                $"数据来源：减贫进度（GetProgress，方案第 {p.PlanVersion} 版，截至 {Day(p.AsOf)}）。口径：建档立卡户（不含识别不准剔除户）；户数按脱贫年度统计（已脱贫 = 脱贫年度不晚于{r.Year}年）；剩余 = 未脱贫、返贫及{r.Year}年后脱贫；贫困发生率 = 剩余贫困人口 ÷ 农村户籍人口。")],
            "【请在此补充减贫工作的主要做法和成效】");
    }

    /// <summary>Exits: households (from the progress), villages and townships accepted as exited in the year (from the area exit procedures).</summary>
    private async Task<Section> ExitsAsync(GetProgress.Unit u, Request r, DateOnly asOf, CancellationToken ct)
    {
        await using var db = database.Open();
        var exited = db.AreaExitProcedures.AsNoTracking().Where(x => x.Exited && x.Year == r.Year && (x.ExitedOn == null || x.ExitedOn <= asOf));
        if (r.TownshipId is { } t) exited = exited.Where(x => x.TownshipId == t);
        var counts = await exited.GroupBy(x => x.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var thisYear = u.Exits.FirstOrDefault(e => e.Year == r.Year);
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "脱贫户（户）", N(thisYear?.Households ?? 0) },
            new[] { "脱贫人口（人）", N(thisYear?.People ?? 0) },
            new[] { "贫困村计划数 / 达到出列标准", $"{N(u.PoorVillages)} / {N(u.PoorVillagesMeeting)}" },
            new[] { "验收出列的贫困村（个）", N(counts.GetValueOrDefault(AreaExitLevel.Village)) },
        };
        if (r.TownshipId is null) rows.Add(new[] { "验收出列的乡镇（个）", N(counts.GetValueOrDefault(AreaExitLevel.Township)) });
        return new Section("exits", Heading("exits", "脱贫退出情况"),
            [$"{r.Year}年{u.Name}脱贫 {N(thisYear?.Households ?? 0)} 户 {N(thisYear?.People ?? 0)} 人，验收出列贫困村 {N(counts.GetValueOrDefault(AreaExitLevel.Village))} 个。"],
            [new Table(["项目", "数量"], rows,
                $"数据来源：减贫进度（GetProgress，截至 {Day(asOf)}）的脱贫年度统计；出列程序（AreaExitProcedure，验收结果为通过、出列年度为{r.Year}年、批准出列不晚于 {Day(asOf)}）。口径：贫困村达到出列标准按减贫进度的判定。")],
            "【请在此补充退出程序的组织和公示情况】");
    }

    /// <summary>Assistance: poor households with a paired cadre and with measures, from the coverage (GetAssistanceCoverage).</summary>
    private async Task<Section> AssistanceAsync(Request r, DateOnly asOf, CancellationToken ct)
    {
        GetAssistanceCoverage.Result c;
        try
        {
            c = await coverage.HandleAsync(new GetAssistanceCoverage.Request(r.Year, r.TownshipId, asOf), ct);
        }
        catch (ForbiddenException)
        {
            return new Section("assistance", Heading("assistance", "帮扶措施落实情况"), ["本级不能查看帮扶覆盖情况。"], [], "【请在此补充帮扶工作情况】");
        }
        string Share(int n) => c.PoorHouseholds > 0 ? HouseholdStandard.Percent(Math.Round(100m * n / c.PoorHouseholds, 2)) : "—";
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "贫困户", N(c.PoorHouseholds), "—" },
            new[] { "已结对帮扶责任人", N(c.WithCadre), Share(c.WithCadre) },
            new[] { "已落实帮扶措施", N(c.WithMeasures), Share(c.WithMeasures) },
        };
        return new Section("assistance", Heading("assistance", "帮扶措施落实情况"),
            [$"{r.Year}年贫困户 {N(c.PoorHouseholds)} 户，已结对帮扶责任人 {N(c.WithCadre)} 户，已落实帮扶措施 {N(c.WithMeasures)} 户。"],
            [new Table(["项目", "户数", "覆盖率"], rows,
                $"数据来源：帮扶覆盖（GetAssistanceCoverage，{r.Year}年，截至 {Day(c.Day)}）。口径：当年应帮扶的贫困户；覆盖率 = 户数 ÷ 贫困户数。")],
            "【请在此补充“五个一批”等帮扶措施的主要做法】");
    }

    /// <summary>Funds: allocated, paid and the spending rate of the year (GetFundLedger by township).</summary>
    private async Task<Section> FundsAsync(Request r, DateOnly asOf, CancellationToken ct)
    {
        GetFundLedger.Result l;
        try
        {
            l = await ledger.HandleAsync(new GetFundLedger.Request("township", r.Year, asOf), ct);
        }
        catch (ForbiddenException)
        {
            return new Section("funds", Heading("funds", "项目建设和资金使用情况"), ["本级不能查看资金台账。"], [], "【请在此补充项目建设情况】");
        }
        var line = r.TownshipId is { } t ? l.Rows.FirstOrDefault(x => x.Id == t) : l.Total;
        var allocated = line?.Allocated ?? 0m;
        var paid = line?.Disbursed ?? 0m;
        var rate = allocated > 0 ? HouseholdStandard.Percent(Math.Round(100m * paid / allocated, 2)) : "—";
        string Yuan(decimal v) => v.ToString("N2", CultureInfo.InvariantCulture);
        return new Section("funds", Heading("funds", "项目建设和资金使用情况"),
            [$"{r.Year}年下达（分配到项目）资金 {Yuan(allocated)} 元，已拨付 {Yuan(paid)} 元，支出进度 {rate}。"],
            [new Table(["项目", "金额（元）"], [new[] { "分配到项目", Yuan(allocated) }, new[] { "已拨付", Yuan(paid) }, new[] { "支出进度", rate }],
                $"数据来源：资金台账（GetFundLedger，按乡镇，{r.Year}年资金，截至 {Day(asOf)}）。口径：分配 = 截至当日资金分配到项目的金额；已拨付 = 截至当日的拨付记录扣除退回；支出进度 = 已拨付 ÷ 分配。")],
            "【请在此补充重点项目建设情况和资金监管情况】");
    }

    /// <summary>Inspections (督查): inspections held, findings by category, closed / closed on time / overdue — all from <see cref="GetFindingStats"/>.</summary>
    private async Task<Section> InspectionsAsync(Request r, DateOnly asOf, CancellationToken ct)
    {
        var heading = Heading("inspections", "督查检查和问题整改情况");
        GetFindingStats.Result f;
        try
        {
            f = await findings.HandleAsync(r.Year, asOf, r.TownshipId, ct);
        }
        catch (ForbiddenException)
        {
            return new Section("inspections", heading, ["本级不能查看督查问题。"], [], "【请在此补充督查整改情况】");
        }
        string Share(int n, int of) => of > 0 ? HouseholdStandard.Percent(Math.Round(100m * n / of, 2)) : "—";
        var t = f.Total;
        var rows = f.ByCategory.Select(c => (IReadOnlyList<string>)new[]
        {
            SupervisionRules.Categories.Items.First(i => i.Value == c.Category).Zh, N(c.Findings), N(c.Closed), N(c.ClosedOnTime), N(c.Overdue),
        }).ToList();
        rows.Add(new[] { "合计", N(t.Findings), N(t.Closed), N(t.ClosedOnTime), N(t.Overdue) });
        return new Section("inspections", heading,
            [$"{AsOf(asOf)}，{r.Year}年开展督查检查 {N(f.Inspections)} 次，发现问题 {N(t.Findings)} 个，已整改销号 {N(t.Closed)} 个（按期 {N(t.ClosedOnTime)} 个，整改率 {Share(t.Closed, t.Findings)}），逾期未整改 {N(t.Overdue)} 个。"],
            [new Table(["问题类别", "问题数", "已销号", "按期销号", "逾期未整改"], rows,
                $"数据来源：督查问题统计（GetFindingStats，{r.Year}年，截至 {Day(f.AsOf)}）。口径：督查次数 = 当年已实地督查的检查；问题 = 当日前已开展的检查发现的问题；已销号 = 当日前销号；按期 = 销号日不晚于整改期限；逾期 = 整改期限已过且当日未销号。")],
            "【请在此补充问题整改的主要做法和成效】");
    }
}
