using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

/// <summary>
/// The self-assessment report (自查报告) of an exiting poor village or township, or of the county's own exit
/// (贫困县退出自查评估报告: the incidence and the third-party evaluation's 错退率, 漏评率 and 群众认可度 as
/// <see cref="GetEvaluation"/> computes them, each with its counts), for a year: every standard's
/// figure against its threshold from <see cref="AssessExit"/>, the household figures behind the incidence
/// (registered, exited by year, remaining), for a township its poor villages, and the responsible units the
/// county plan names. Everything comes from the records; <see cref="Build"/> turns an assessed unit and its
/// context into the model, so a stored assessment snapshot can be rendered the same way. The writers are
/// <see cref="SelfAssessmentDocument"/> (.docx) and <see cref="SelfAssessmentWorkbook"/> (.xlsx).
/// Area rules: a village officer gets only their village, a township officer their township and its
/// villages, the county level every unit of the county and the county itself; anything else is not found
/// (the county's report: a township or village officer is refused).
/// </summary>
public sealed class SelfAssessmentReport(Database database, AssessExit assess, Audit.AccessLog log)
{
    public sealed record Request(ExitLevel Level, Guid AreaId, int Year);

    /// <summary>
    /// One standard as the report prints it: <c>Figure</c> is 指标值 as text ("5%", "50,000 元", "是", "未录入"),
    /// <c>Limit</c> 标准值 as text ("&lt; 2%", "≥ 50,000 元", "是"); <c>Value</c>/<c>Threshold</c> the same as
    /// numbers where they are numbers, in <c>Unit</c> ("%", "元", "个").
    /// </summary>
    public sealed record Standard(string Rule, string Name, string Figure, string Limit, decimal? Value, decimal? Threshold, string? Unit, ConditionState State, string Explanation)
    {
        public bool Met => State == ConditionState.Met;

        /// <summary>达标 / 未达标 / 未评估.</summary>
        public string StateText => State switch { ConditionState.Met => "达标", ConditionState.NotMet => "未达标", _ => "未评估" };
    }

    /// <summary>Households and people of one exit year.</summary>
    public sealed record YearCount(int Year, int Households, int People);

    /// <summary>
    /// The household figures of the unit at the end of the year. Registered = exited by the year + remaining.
    /// Incidence = (remaining − ready) people ÷ registered population, as in <see cref="AssessExit.Figures"/>.
    /// </summary>
    public sealed record HouseholdFigures(
        int RegisteredHouseholds, int RegisteredPeople,
        IReadOnlyList<YearCount> ExitedByYear,
        int RemainingHouseholds, int RemainingPeople,
        int ReadyHouseholds, int ReadyPeople,
        int? RegisteredPopulation, decimal? Incidence)
    {
        public int ExitedHouseholds => ExitedByYear.Sum(y => y.Households);

        public int ExitedPeople => ExitedByYear.Sum(y => y.People);

        public int ProjectedRemainingPeople => RemainingPeople - ReadyPeople;
    }

    /// <summary>A poor village of a township as the township's report lists it.</summary>
    public sealed record VillageLine(
        Guid Id, string Code, string Name, int? PlannedExitYear,
        int RegisteredHouseholds, int RegisteredPeople, int RemainingHouseholds, int RemainingPeople, int ReadyHouseholds, int ReadyPeople,
        int? RegisteredPopulation, decimal? Incidence, bool Ready, string Failing);

    /// <summary>A unit the county plan makes responsible, with the plan's section.</summary>
    public sealed record Responsibility(string Duty, string Unit, string? Section);

    /// <summary>
    /// What the report needs beyond the assessed unit: the year and its line, the county and township codes, the
    /// exits by year, for a township its poor villages assessed at level village in the same year
    /// (<c>Villages</c>), the plan's responsible units and its date for the self-assessment and the application
    /// (<c>Deadline</c>), and who generated the report when.
    /// </summary>
    public sealed record Context(
        int Year, decimal PovertyLine,
        string County, string CountyCode, string? TownshipCode,
        IReadOnlyList<YearCount> ExitedByYear,
        IReadOnlyList<AssessExit.Unit> Villages,
        IReadOnlyList<Responsibility> Responsible,
        DateOnly? Deadline,
        DateTimeOffset GeneratedAt, string GeneratedBy);

    public sealed record Model(
        ExitLevel Level, Guid AreaId, string Title,
        string County, string CountyCode, string Township, string? TownshipCode, string? Village, string? VillageCode,
        int Year, decimal PovertyLine, int? PlannedExitYear, bool Ready,
        IReadOnlyList<Standard> Standards, HouseholdFigures Households, IReadOnlyList<VillageLine> Villages,
        IReadOnlyList<Responsibility> Responsible, DateOnly? Deadline,
        DateTimeOffset GeneratedAt, string GeneratedBy)
    {
        /// <summary>The unit's full name: 三胡乡黄柏园村, 三胡乡 or 来凤县.</summary>
        public string AreaName => Level switch { ExitLevel.Village => Township + Village, ExitLevel.Township => Township, _ => County };

        /// <summary>The unit's code: the village's 12 digits, the township's 9 or the county's 6.</summary>
        public string AreaCode => (Level switch { ExitLevel.Village => VillageCode, ExitLevel.Township => TownshipCode, _ => CountyCode }) ?? string.Empty;

        /// <summary>村, 乡镇 or 县, for sentences.</summary>
        public string Kind => Level switch { ExitLevel.Village => "村", ExitLevel.Township => "乡镇", _ => "县" };

        /// <summary>The evaluation's three rates (错退率, 漏评率, 群众认可度) as standards; empty below the county.</summary>
        public IEnumerable<Standard> Rates => Standards.Where(s => s.Rule is "wrong_exit" or "missed" or "approval");

        public IEnumerable<Standard> Failing => Standards.Where(s => !s.Met);

        /// <summary>A file name without extension: 三胡乡黄柏园村-2016-自查报告.</summary>
        public string FileStem => $"{AreaName}-{Year}-自查报告";
    }

    public async Task<Model> HandleAsync(Request request, CancellationToken ct = default)
    {
        if (request.Level is not (ExitLevel.Village or ExitLevel.Township or ExitLevel.County))
            throw new InvalidRequestException([new Problem("level", "exit.report.level", new LocalText("自查报告只用于贫困村、乡镇出列和贫困县摘帽", "Self-assessment reports are for villages, townships and the county"))]);
        var actor = database.Actor;
        var scope = actor.Scope;
        if (request.Level == ExitLevel.County)
            return await CountyAsync(request, ct);
        var notFound = new NotFoundException(new LocalText("没有这个村或乡镇，或不在您的管辖范围内", "No such village or township in your area"));

        Guid countyId, townshipId;
        string county, countyCode;
        string? townshipCode;
        await using (var db = database.Open())
        {
            var place = request.Level == ExitLevel.Village
                ? await db.Villages.AsNoTracking().Where(v => v.Id == request.AreaId)
                    .Select(v => new { v.CountyId, v.TownshipId, VillageId = (Guid?)v.Id, v.IsPoor, TownshipCode = v.Township!.Code, County = v.Township.County!.Name, CountyCode = v.Township.County.Code })
                    .FirstOrDefaultAsync(ct)
                : await db.Townships.AsNoTracking().Where(t => t.Id == request.AreaId)
                    .Select(t => new { t.CountyId, TownshipId = t.Id, VillageId = (Guid?)null, IsPoor = true, TownshipCode = t.Code, County = t.County!.Name, CountyCode = t.County.Code })
                    .FirstOrDefaultAsync(ct);
            if (place is null
                || scope.Level != AreaLevel.Everything && place.CountyId != scope.CountyId
                || scope.TownshipId is { } st && place.TownshipId != st
                || scope.VillageId is { } sv && place.VillageId != sv)
                throw notFound;
            if (!place.IsPoor)
                throw new InvalidRequestException([new Problem("areaId", "exit.report.not_poor_village", new LocalText("该村不是贫困村，没有出列自查", "This village is not a poor village and has no exit self-assessment"))]);
            (countyId, townshipId, county, countyCode, townshipCode) = (place.CountyId, place.TownshipId, place.County, place.CountyCode, place.TownshipCode);
        }

        var villageId = request.Level == ExitLevel.Village ? request.AreaId : (Guid?)null;
        var result = await assess.HandleAsync(new AssessExit.Request(request.Year, request.Level, townshipId, villageId), ct);
        var unit = result.Units.SingleOrDefault(u => u.Id == request.AreaId) ?? throw notFound;
        var villages = request.Level == ExitLevel.Township
            ? (await assess.HandleAsync(new AssessExit.Request(request.Year, ExitLevel.Village, townshipId), ct)).Units
            : [];

        await using var read = database.Open();
        // Exits by year up to the assessed year, one grouped query (the scope filter applies).
        var households = read.Households.AsNoTracking().Where(h => h.TownshipId == townshipId).Where(HouseholdStanding.ExitedBy(request.Year));
        if (villageId is { } vid) households = households.Where(h => h.VillageId == vid);
        var exited = (await households.GroupBy(h => h.ExitYear)
                .Select(g => new { Year = g.Key, Households = g.Count(), People = g.Sum(h => h.Size) })
                .ToListAsync(ct))
            .Select(g => new YearCount(g.Year!.Value, g.Households, g.People)).OrderBy(g => g.Year).ToList();

        var plan = await read.PlanVersions.AsNoTracking().Where(p => p.CountyId == countyId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var (responsible, deadline) = plan is null ? ([], null) : Responsibilities(await AnsweringAsync(read, plan, ct), request.Level, request.Year);

        var context = new Context(request.Year, result.PovertyLine, county, countyCode, townshipCode, exited, villages, responsible, deadline,
            database.Clock.GetLocalNow(), actor.ShownName);
        var model = Build(unit, context);
        await log.ExportAsync(actor, "SelfAssessmentReport", request.AreaId, new { level = request.Level.ToString(), request.Year, file = model.FileStem }, "生成出列自查报告", ct);
        return model;
    }

    /// <summary>The county's own report: the county assessed at level county (incidence and the evaluation's three rates), its exits by year and its townships.</summary>
    private async Task<Model> CountyAsync(Request request, CancellationToken ct)
    {
        var actor = database.Actor;
        var scope = actor.Scope;
        if (scope.Level is AreaLevel.Township or AreaLevel.Village)
            throw new ForbiddenException(new LocalText("贫困县退出自查报告由县级生成", "The county's self-assessment report is made at the county level"));
        await using var db = database.Open();
        var county = await db.Counties.AsNoTracking().Where(c => c.Id == request.AreaId && (scope.Level == AreaLevel.Everything || c.Id == scope.CountyId))
            .Select(c => new { c.Id, c.Name, c.Code }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(new LocalText("没有这个县，或不在您的管辖范围内", "No such county in your area"));
        var result = await assess.HandleAsync(new AssessExit.Request(request.Year, ExitLevel.County), ct);
        var unit = result.Units.SingleOrDefault(u => u.Id == county.Id)
            ?? throw new NotFoundException(new LocalText("评估结果中没有这个县", "The assessment does not list this county"));
        var townships = (await assess.HandleAsync(new AssessExit.Request(request.Year, ExitLevel.Township), ct)).Units.Where(u => u.CountyId == county.Id).ToList();
        var exited = (await db.Households.AsNoTracking().Where(h => h.CountyId == county.Id).Where(HouseholdStanding.ExitedBy(request.Year))
                .GroupBy(h => h.ExitYear).Select(g => new { Year = g.Key, Households = g.Count(), People = g.Sum(h => h.Size) }).ToListAsync(ct))
            .Select(g => new YearCount(g.Year!.Value, g.Households, g.People)).OrderBy(g => g.Year).ToList();
        var plan = await db.PlanVersions.AsNoTracking().Where(p => p.CountyId == county.Id).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var (responsible, deadline) = plan is null ? ([], null) : Responsibilities(await AnsweringAsync(db, plan, ct), ExitLevel.County, request.Year);
        var planned = AreaExitRules.CountyExitYear(townships.Select(t => t.PlannedExitYear));
        var context = new Context(request.Year, result.PovertyLine, county.Name, county.Code, null, exited, townships, responsible, deadline,
            database.Clock.GetLocalNow(), actor.ShownName);
        var model = Build(unit with { PlannedExitYear = planned }, context);
        await log.ExportAsync(actor, "SelfAssessmentReport", request.AreaId, new { level = request.Level.ToString(), request.Year, file = model.FileStem }, "生成贫困县退出自查报告", ct);
        return model;
    }

    /// <summary>What the plan says about who is responsible for a village's or township's exit, and by when.</summary>
    /// <summary>The plan with each target answering to its matched units (as progress names them).</summary>
    private static async Task<PlanDocument> AnsweringAsync(TuopinDb db, PlanVersion version, CancellationToken ct)
    {
        var plan = version.Parse();
        await Organisation.OrganisationAccess.AnswerToUnitsAsync(db, version.CountyId, plan, ct);
        return plan;
    }

    public static (IReadOnlyList<Responsibility> Units, DateOnly? Deadline) Responsibilities(PlanDocument plan, ExitLevel level, int year)
    {
        var list = new List<Responsibility>();
        var organisation = plan.Organisation;
        if (level == ExitLevel.Village)
        {
            if (organisation?.Villages is { FirstResponsible: { } first } villages)
                list.Add(new Responsibility("村精准扶贫第一责任人", first, villages.Source?.Section));
            if (organisation?.StationedUnits is { FirstResponsible: { } stationed } units)
                list.Add(new Responsibility("驻村扶贫、精准脱贫第一责任人", stationed, units.Source?.Section));
        }
        else if (level == ExitLevel.County)
        {
            if (organisation?.LeadingGroup is { Name: { } groupName } leading)
                list.Add(new Responsibility("贫困县退出第一责任（县委、县政府）", groupName, leading.Source?.Section));
        }
        else if (organisation?.TownshipOffices is { } offices)
        {
            if (offices.Name is { } name) list.Add(new Responsibility("乡镇精准扶贫工作机构", name, offices.Source?.Section));
            if (offices.FirstResponsible is { } first) list.Add(new Responsibility("乡镇扶贫开发办第一主任", first, offices.Source?.Section));
        }
        var due = plan.Deadlines.FirstOrDefault(d => d.Serves == year && d.AppliesTo == "exiting");
        if (due?.Responsible is { } r) list.Add(new Responsibility($"自评并提出考核验收申请（{due.Date:yyyy年M月d日}前）", r, due.Source?.Section));
        if (organisation?.LeadingGroup is { Name: { } lead } group)
            list.Add(new Responsibility(group.Duty ?? "总体协调推进", lead, group.Source?.Section));
        return (list, due?.Date);
    }

    /// <summary>
    /// The report model of an assessed village or township (<paramref name="unit"/> from <see cref="AssessExit"/>
    /// at level village or township, or a stored copy of one) in its <paramref name="context"/>. Pure.
    /// </summary>
    public static Model Build(AssessExit.Unit unit, Context context)
    {
        if (unit.Level is not (ExitLevel.Village or ExitLevel.Township or ExitLevel.County) || unit.Figures is not { } f)
            throw new ArgumentException("A self-assessment report is built from a village, township or county unit with figures", nameof(unit));
        var township = unit.Level == ExitLevel.County ? string.Empty : unit.Township ?? unit.Name;
        var village = unit.Level == ExitLevel.Village ? unit.Name : null;
        var title = unit.Level switch
        {
            ExitLevel.Village => $"{township}{unit.Name}{context.Year}年贫困村退出自查报告",
            ExitLevel.Township => $"{township}{context.Year}年贫困乡镇退出自查报告",
            _ => $"{unit.Name}{context.Year}年贫困县退出自查评估报告",
        };
        var figures = new HouseholdFigures(f.RegisteredHouseholds, f.RegisteredPeople, context.ExitedByYear,
            f.RemainingHouseholds, f.RemainingPeople, f.ReadyHouseholds, f.ReadyPeople, f.RegisteredPopulation, f.Incidence);
        // A township lists its poor villages; the county its townships (in the same lines).
        var villages = context.Villages
            .Where(v => unit.Level == ExitLevel.County ? v.Level == ExitLevel.Township && v.CountyId == unit.Id : v.Level == ExitLevel.Village && v.TownshipId == unit.Id)
            .Where(v => v.Figures is not null)
            .OrderBy(v => v.Code, StringComparer.Ordinal)
            .Select(v => new VillageLine(v.Id, v.Code, v.Name, v.PlannedExitYear,
                v.Figures!.RegisteredHouseholds, v.Figures.RegisteredPeople, v.Figures.RemainingHouseholds, v.Figures.RemainingPeople,
                v.Figures.ReadyHouseholds, v.Figures.ReadyPeople, v.Figures.RegisteredPopulation, v.Figures.Incidence, v.Ready,
                string.Join("；", v.Failing.Select(c => c.Explanation.Zh))))
            .ToList();
        return new Model(unit.Level, unit.Id, title, context.County, context.CountyCode, township,
            context.TownshipCode ?? (unit.Level == ExitLevel.Township ? unit.Code : null),
            village, unit.Level == ExitLevel.Village ? unit.Code : null,
            context.Year, context.PovertyLine, unit.PlannedExitYear, unit.Ready,
            unit.Conditions.Select(StandardOf).ToList(), figures, villages, context.Responsible, context.Deadline,
            context.GeneratedAt, context.GeneratedBy);
    }

    private static Standard StandardOf(ConditionResult c)
    {
        var notEvaluated = c.State == ConditionState.NotEvaluated;
        string figure, limit;
        string? unit = null;
        if (c.Rule.EndsWith("_incidence", StringComparison.Ordinal))
        {
            unit = "%";
            figure = c.Value is { } v ? HouseholdStandard.Percent(v) : "未能计算";
            limit = c.Threshold is { } t ? "< " + HouseholdStandard.Percent(t) : "—";
        }
        else if (c.Rule is "wrong_exit" or "missed" or "approval")
        {
            unit = "%";
            figure = c.Value is { } v ? HouseholdStandard.Percent(v) : "未评估";
            limit = c.Threshold is { } t ? (c.Rule == "approval" ? "> " : "< ") + HouseholdStandard.Percent(t) : "—";
        }
        else if (c.Rule == "collective_income")
        {
            unit = "元";
            figure = c.Value is { } v ? HouseholdStandard.Yuan(v) + " 元" : "未录入";
            limit = c.Threshold is { } t ? "≥ " + HouseholdStandard.Yuan(t) + " 元" : "—";
        }
        else if (c.Rule == "poor_villages")
        {
            unit = "个";
            figure = c.Value is 0m ? "全部达标" : $"{c.Value:0} 个未达标";
            limit = "全部达标";
        }
        else if (c.Rule.StartsWith("condition:", StringComparison.Ordinal))
        {
            figure = notEvaluated ? "未录入" : c.Met ? "是" : "否";
            limit = "是";
        }
        else
        {
            figure = c.Value?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? (notEvaluated ? "未录入" : "—");
            limit = c.Threshold?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
        }
        return new Standard(c.Rule, c.Name.Zh, figure, limit, c.Value, c.Threshold, unit, c.State, c.Explanation.Zh);
    }
}
