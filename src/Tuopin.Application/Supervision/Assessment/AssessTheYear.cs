using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Funds;
using Tuopin.Application.Organisation;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// The annual assessment (年度考核) of every township and county department for a year, by the county's scheme
/// (<see cref="GetAssessmentScheme"/>): each indicator's source figure, taken from the use case whose screen shows it —
/// progress alerts (<see cref="GetProgress"/>), the evaluation's rates by township (<see cref="GetEvaluation"/>), assistance
/// gaps (<see cref="GetAssistanceCoverage"/>), findings closed on time and overdue (<see cref="GetFindingStats"/>), fund
/// spending (<see cref="GetFundLedger"/> by township and by department) and fund alerts (<see cref="CheckFunds"/>), a
/// department's own targets (<see cref="GetProgress"/>'s targets with <see cref="OrganisationAccess.TargetUnitsAsync"/>) —
/// its points and the arithmetic, each unit's total and its rank (equal scores share a rank). The figures are counted for
/// the whole county (read as a county-level inspector would), whoever asks, so a township's ranking is the county's; the
/// indicators of a unit are shown only to those who see its detail (<see cref="AssessmentAccess.SeesDetail"/>). A fixed
/// number of set-based queries whatever the number of units.
/// </summary>
public sealed class AssessTheYear(Database database, TuopinDbFactory factory)
{
    public const string Township = "township", Department = "department";

    /// <summary>One indicator of one unit: the figure read (null: nothing to assess), how it was counted, the points and the arithmetic.</summary>
    public sealed record IndicatorResult(string Code, string Name, string Source, LocalText SourceName, decimal Weight, ScoringRule Rule,
        decimal? Figure, bool Percent, string Counted, decimal Points, string Arithmetic);

    /// <summary>A township or department: its score, its rank among its kind and, for those who see its detail, its indicators.</summary>
    public sealed record UnitScore(string Kind, Guid Id, string Name, decimal Score, int Rank, bool Detail, IReadOnlyList<IndicatorResult> Indicators);

    public sealed record Result(int Year, DateOnly AsOf, bool DefaultScheme, IReadOnlyList<UnitScore> Townships, IReadOnlyList<UnitScore> Departments, bool Evaluated, bool PlanLoaded);

    public async Task<Result> HandleAsync(int? year = null, CancellationToken ct = default)
    {
        var actor = database.Actor;
        AssessmentAccess.RequireReader(actor);
        var county = CountyReader(actor);
        AssessmentScheme scheme;
        bool isDefault;
        int y;
        DateOnly asOf;
        List<(Guid Id, string Name)> townships;
        List<(Guid Id, string Name, Department? Department)> departments;
        await using (var db = county.Open())
        {
            (scheme, isDefault) = await AssessmentAccess.SchemeAsync(db, ct);
            y = year ?? await WorkYear.GetAsync(db, database.Clock, ct);
            if (y is < WorkYear.FirstYear or > 2100)
                throw new InvalidRequestException([new Problem("year", "assessment.year", new LocalText("年度不正确", "The year is not valid"))]);
            var today = database.Clock.Today();
            var end = new DateOnly(y, 12, 31);
            asOf = today < end ? today : end;
            var countyId = actor.Scope.CountyId;
            townships = (await db.Townships.AsNoTracking().Where(t => actor.Scope.Level == AreaLevel.Everything || t.CountyId == countyId).OrderBy(t => t.Code)
                .Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
            departments = (await db.OrgUnits.AsNoTracking().Where(u => u.Kind == UnitKind.Department && (actor.Scope.Level == AreaLevel.Everything || u.CountyId == countyId))
                .OrderBy(u => u.Order).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name, u.Department }).ToListAsync(ct)).Select(u => (u.Id, u.Name, u.Department)).ToList();
        }
        var f = await FiguresAsync(county, y, asOf, townships.Select(t => t.Id).ToList(), ct);

        UnitScore Assess(AssessedKind kind, Guid id, string name, Department? department, Func<string, AssessmentFigure> figure)
        {
            var results = scheme.For(kind).Select(i =>
            {
                var source = AssessmentScheme.SourceOf(i.Source)!;
                var fig = figure(i.Source);
                var score = AssessmentScheme.Score(i, fig);
                return new IndicatorResult(i.Code, i.Name, i.Source, source.Name, i.Weight, i.Rule, fig.Value, source.Percent, fig.Counted, score.Points, score.Arithmetic);
            }).ToList();
            var detail = AssessmentAccess.SeesDetail(actor, kind, id, department);
            return new UnitScore(kind == AssessedKind.Township ? Township : Department, id, name, AssessmentScheme.Round(results.Sum(r => r.Points)), 0, detail, detail ? results : []);
        }

        var townshipScores = Rank(townships.Select(t => Assess(AssessedKind.Township, t.Id, t.Name, null, s => f.Township(s, t.Id, t.Name))));
        var departmentScores = Rank(departments.Select(d => Assess(AssessedKind.Department, d.Id, d.Name, d.Department, s => f.Department(s, d.Id, d.Name, d.Department))));
        return new Result(y, asOf, isDefault, townshipScores, departmentScores, f.Evaluation is not null, f.Progress is not null);
    }

    /// <summary>Highest first; equal scores share a rank (1, 2, 2, 4); then by name.</summary>
    private static List<UnitScore> Rank(IEnumerable<UnitScore> units)
    {
        var ordered = units.OrderByDescending(u => u.Score).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
        return ordered.Select((u, n) => u with { Rank = ordered.FindIndex(o => o.Score == u.Score) + 1 }).ToList();
    }

    /// <summary>The county's figures are read as a county-level inspector of the actor's county reads them (read only).</summary>
    private Database CountyReader(Actor actor) => actor.Scope.Level == AreaLevel.Everything || AssessmentAccess.CountyLevel(actor)
        ? database
        : new Database(factory, new FixedActor(new Actor(actor.UserId, actor.UserName, Role.Inspector, AreaScope.County(actor.Scope.CountyId)) { DisplayName = actor.DisplayName }));

    private async Task<Figures> FiguresAsync(Database county, int year, DateOnly asOf, IReadOnlyList<Guid> townshipIds, CancellationToken ct)
    {
        GetProgress.Result? progress;
        try
        {
            progress = await new GetProgress(county).HandleAsync(new GetProgress.Query(year), ct);
        }
        catch (NotFoundException)
        {
            progress = null; // no plan loaded: no progress alerts, no targets
        }
        var stats = await new GetFindingStats(county).HandleAsync(year, asOf, ct);
        var evaluation = await new GetEvaluation(county).HandleAsync(year, ct);
        var coverage = await new GetAssistanceCoverage(county).HandleAsync(new GetAssistanceCoverage.Request(year), ct);
        var byTownship = await new GetFundLedger(county).HandleAsync(new GetFundLedger.Request("township", year), ct);
        var byDepartment = await new GetFundLedger(county).HandleAsync(new GetFundLedger.Request("department", year), ct);
        var check = await new CheckFunds(county).HandleAsync(asOf, ct);
        Dictionary<Guid, FundFigures.ProjectRow> projects;
        Dictionary<Guid, int> poor;
        IReadOnlyDictionary<string, IReadOnlyList<LocalText>> targetUnits;
        await using (var db = county.Open())
        {
            projects = await FundFigures.ProjectsAsync(db, ct);
            // The poor households of the year by township: the coverage's own definition (AssistanceFacts.PoorIn).
            poor = await AssistanceFacts.PoorIn(db, year).GroupBy(h => h.TownshipId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var countyId = county.Actor.Scope.Level == AreaLevel.Everything
                ? await db.Counties.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Id).FirstOrDefaultAsync(ct)
                : county.Actor.Scope.CountyId;
            targetUnits = await OrganisationAccess.TargetUnitsAsync(db, countyId, ct);
        }
        return new Figures(year, progress, stats, evaluation, coverage, byTownship, byDepartment, check, projects, poor, targetUnits);
    }

    private sealed record Figures(
        int Year, GetProgress.Result? Progress, GetFindingStats.Result Stats, EvaluationReport? Evaluation, GetAssistanceCoverage.Result Coverage,
        GetFundLedger.Result ByTownship, GetFundLedger.Result ByDepartment, CheckFunds.Result Check,
        Dictionary<Guid, FundFigures.ProjectRow> Projects, Dictionary<Guid, int> Poor, IReadOnlyDictionary<string, IReadOnlyList<LocalText>> TargetUnits)
    {
        private static readonly string[] PairingGaps = ["no_cadre", "cadre_ended"], MeasureGaps = ["no_measures"];

        private static AssessmentFigure Rate(decimal part, decimal whole, string counted) => new(AssessmentScheme.Percent(part, whole), counted);

        private static AssessmentFigure Count(int n, string unit) => new(n, $"{n} {unit}");

        private IEnumerable<CheckFunds.Finding> Alerts(Func<FundFigures.ProjectRow, bool> mine) =>
            Check.Findings.Where(x => x.Kind == CheckFunds.Alert && x.ProjectId is { } p && Projects.TryGetValue(p, out var project) && project.Year == Year && mine(project));

        private AssessmentFigure Findings(GetFindingStats.Row? row, bool overdue) => overdue
            ? Count(row?.Overdue ?? 0, "条")
            : Rate(row?.ClosedOnTime ?? 0, row?.Findings ?? 0, $"{row?.ClosedOnTime ?? 0}/{row?.Findings ?? 0}");

        private static AssessmentFigure Spending(GetFundLedger.Row? row) => row is null || row.Allocated <= 0
            ? new AssessmentFigure(null, "0/0 元")
            : Rate(row.Disbursed, row.Allocated, $"{row.Disbursed:0.##}/{row.Allocated:0.##} 元");

        public AssessmentFigure Township(string source, Guid id, string name)
        {
            var samples = Evaluation?.Rows.Where(r => r.Township == name).ToList() ?? [];
            switch (source)
            {
                case AssessmentScheme.ProgressAlerts:
                    if (Progress is null) return new AssessmentFigure(null, "（未载入方案）");
                    var villages = Progress.Villages.Where(v => v.TownshipId == id).Select(v => v.Id).ToHashSet();
                    return Count(Progress.Alerts.Count(a => a.Kind == "behind" && a.UnitId is { } u
                        && (a.Level == GetProgress.Township && u == id || a.Level == GetProgress.Village && villages.Contains(u))), "条");
                case AssessmentScheme.WrongExitRate:
                    var exited = samples.Where(r => r.Kind == SampleKind.Exited && r.WronglyExited is not null).ToList();
                    var wrong = exited.Where(r => r.WronglyExited == true).Sum(r => r.People ?? 0);
                    var checkedPeople = exited.Sum(r => r.People ?? 0);
                    return Evaluation is null ? new AssessmentFigure(null, "（当年无第三方评估）") : Rate(wrong, checkedPeople, $"{wrong}/{checkedPeople} 人");
                case AssessmentScheme.ApprovalRate:
                    var asked = samples.Count(r => r.Approves is not null);
                    var approving = samples.Count(r => r.Approves == true);
                    return Evaluation is null ? new AssessmentFigure(null, "（当年无第三方评估）") : Rate(approving, asked, $"{approving}/{asked} 户");
                case AssessmentScheme.MissedHouseholds:
                    return Evaluation is null ? new AssessmentFigure(null, "（当年无第三方评估）") : Count(samples.Count(r => r.Kind == SampleKind.Outside && r.Missed == true), "户");
                case AssessmentScheme.AssistanceRate:
                    // Pairing (never paired, or the pairing ended) and measures are counted apart (a household may lack both):
                    // the weaker of the two rates is the figure.
                    int InArea(IEnumerable<string> codes) => Coverage.Rules.Where(r => codes.Contains(r.Code)).Sum(r => r.ByArea.Where(a => a.AreaId == id).Sum(a => a.Count));
                    var unpaired = InArea(PairingGaps);
                    var noMeasures = InArea(MeasureGaps);
                    var households = Poor.GetValueOrDefault(id);
                    if (households == 0) return new AssessmentFigure(null, "0 户贫困户");
                    var weaker = Math.Max(unpaired, noMeasures);
                    return new AssessmentFigure(Math.Max(0, 100m - AssessmentScheme.Percent(weaker, households)!.Value),
                        $"结对 1 − {unpaired}/{households}、措施 1 − {noMeasures}/{households} 户，取低者");
                case AssessmentScheme.FindingsOnTimeRate:
                    return Findings(Stats.ByTownship.FirstOrDefault(r => r.Id == id), false);
                case AssessmentScheme.FindingsOverdue:
                    return Findings(Stats.ByTownship.FirstOrDefault(r => r.Id == id), true);
                case AssessmentScheme.FundSpendingRate:
                    return Spending(ByTownship.Rows.FirstOrDefault(r => r.Id == id));
                case AssessmentScheme.FundAlerts:
                    return Count(Alerts(p => p.TownshipId == id).Count(), "条");
                default:
                    return new AssessmentFigure(null, "（不适用）");
            }
        }

        public AssessmentFigure Department(string source, Guid id, string name, Department? department)
        {
            switch (source)
            {
                case AssessmentScheme.TargetsMetRate:
                    if (Progress is null) return new AssessmentFigure(null, "（未载入方案）");
                    var allDepartments = OrganisationAccess.AllOf(UnitKind.Department).Zh;
                    var mine = TargetUnits.Where(t => t.Value.Any(u => u.Zh == name || u.Zh == allDepartments)).Select(t => t.Key).ToHashSet();
                    var due = Progress.Conditions.Concat(Progress.OtherTargets)
                        .Where(t => t.Target is not null && t.Actual is not null && (t.Year is null || t.Year <= Year)
                            && (mine.Contains(t.Key) || mine.Any(k => t.Key.StartsWith(k + ".", StringComparison.Ordinal))))
                        .ToList();
                    var met = due.Count(t => t.Actual >= t.Target);
                    return Rate(met, due.Count, $"{met}/{due.Count} 项");
                case AssessmentScheme.FindingsOnTimeRate:
                    return Findings(Stats.ByUnit.FirstOrDefault(r => r.Id == id), false);
                case AssessmentScheme.FindingsOverdue:
                    return Findings(Stats.ByUnit.FirstOrDefault(r => r.Id == id), true);
                case AssessmentScheme.FundSpendingRate:
                    return department is { } d ? Spending(ByDepartment.Rows.FirstOrDefault(r => r.Key == Departments.Code(d))) : new AssessmentFigure(null, "（无对应行业部门）");
                case AssessmentScheme.FundAlerts:
                    return department is { } dd ? Count(Alerts(p => p.Department == dd).Count(), "条") : new AssessmentFigure(null, "（无对应行业部门）");
                default:
                    return new AssessmentFigure(null, "（不适用）");
            }
        }
    }
}
