using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Accounts;
using Tuopin.Application.Funds;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;

namespace Tuopin.Bench;

/// <summary>
/// The fund ledger at the scale of a county-year (issue 16): on top of the demo (its registry, the projects' and the funds'
/// demo), 2,000 more projects of 2017 across the villages and categories (<see cref="FundsBenchData"/>: approved, noticed,
/// most started, many accepted), the sources and allocations that pay for them, and 100,000 disbursements — mostly to
/// households of the projects' villages, the rest to contractors — with a few alert cases on purpose; written in bulk.
/// Then, as the county administrator meets them, warm and in process: the ledger by each grouping the /funds page offers,
/// the whole county's check, a household's trace, a source's trace and the first page of the project list, each beside
/// hand-written SQL of the same figures through ADO.NET (<see cref="RawFunds"/>) with the same Domain rules applied, in the
/// same run, checked to agree first. Targets (issue 16): ledger pages &lt; 100 ms, <c>funds check</c> &lt; 2 s, a household's
/// trace &lt; 50 ms; the source's trace and the project list are pages too (&lt; 100 ms).
/// </summary>
public sealed class FundsBench(BenchOptions options, Report report, EfCommands commands, List<(string Title, IReadOnlyList<EfCommands.Command> Commands)> sql)
{
    private const double PageTargetMs = 100, CheckTargetMs = 2_000, HouseholdTargetMs = 50;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
        {
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
            if (!await db.Projects.AnyAsync())
            {
                await LoadDemoProjects.RunAsync(demo.Factory);
                await LoadDemoFunds.RunAsync(demo.Factory);
            }
        }
        Report.Progress($"{name}: funds: adding a county-year of projects, allocations and 100,000 disbursements …");
        var (added, addTime) = await Measure.TimeAsync(() => FundsBenchData.AddAsync(demo.Factory));
        report.Add(new Row($"funds data: {added.Projects:N0} projects, {added.Sources} sources, {added.Allocations:N0} allocations, {added.Disbursements:N0} disbursements ({added.HouseholdPayments:N0} to households)", name,
            Report.Seconds(addTime), Note: "bench only, bulk-written on top of the demo's projects and funds"));
        await using (var db = demo.Factory.CreateForOperator("bench")) await db.Database.ExecuteSqlRawAsync("ANALYZE");

        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var services = scope.ServiceProvider;
        var raw = new RawFunds(demo.Target, countyId);

        // The ledger, by each grouping of the /funds page (all years, as the page opens it).
        var ledger = services.GetRequiredService<GetFundLedger>();
        foreach (var by in GetFundLedger.Views)
        {
            var ef = await ledger.HandleAsync(new GetFundLedger.Request(by));
            var plain = await raw.LedgerAsync(by);
            var efFigures = (ef.Rows.Count, ef.Total.Allocated, ef.Total.Disbursed);
            if (efFigures != (plain.Rows, plain.Allocated, plain.Disbursed))
                throw new InvalidOperationException($"The ledger by {by} and its baseline disagree: {efFigures} vs {plain}");
            await PairAsync($"fund ledger by {by}: GetFundLedger ({ef.Rows.Count:N0} rows, {ef.Total.Allocated:N0} yuan allocated)", name,
                () => ledger.HandleAsync(new GetFundLedger.Request(by)), () => raw.LedgerAsync(by), PageTargetMs);
        }

        // The check of the whole county.
        var check = services.GetRequiredService<CheckFunds>();
        var checkResult = await check.HandleAsync();
        var asOf = checkResult.AsOf;
        var schedule = SpendingSchedule.Parse(checkResult.Schedule)!;
        var thresholds = new FundThresholds(checkResult.IdleDays, checkResult.NotStartedDays);
        var plainCheck = await raw.CheckAsync(asOf, schedule, thresholds);
        var efCodes = Codes(checkResult.Findings.Select(f => f.Code));
        if (efCodes != Codes(plainCheck))
            throw new InvalidOperationException($"funds check and its baseline disagree: {efCodes} vs {Codes(plainCheck)}");
        await PairAsync($"funds check: CheckFunds (county, as of {asOf:yyyy-MM-dd}, {checkResult.Invariants} invariant and {checkResult.Alerts} alert findings: {efCodes})", name,
            () => check.HandleAsync(asOf), () => raw.CheckAsync(asOf, schedule, thresholds), CheckTargetMs);

        // A household's trace: the one with the most payments.
        var traceHousehold = services.GetRequiredService<TraceHousehold>();
        var number = await raw.BusiestHouseholdAsync();
        var efTrace = await traceHousehold.HandleAsync(number);
        var plainTrace = await raw.TraceHouseholdAsync(number);
        if ((efTrace.Lines.Count, efTrace.Total) != plainTrace)
            throw new InvalidOperationException($"The household's trace and its baseline disagree: {efTrace.Lines.Count}/{efTrace.Total} vs {plainTrace}");
        await PairAsync($"household trace: TraceHousehold ({efTrace.Lines.Count} payments, {efTrace.Total:N2} yuan)", name,
            () => traceHousehold.HandleAsync(number), () => raw.TraceHouseholdAsync(number), HouseholdTargetMs);

        // A source's trace: the one with the most payments.
        var traceSource = services.GetRequiredService<TraceFundSource>();
        var document = await raw.BusiestSourceAsync();
        var efSource = await traceSource.HandleAsync(document);
        var plainSource = await raw.TraceSourceAsync(document);
        var efSourceFigures = (efSource.Projects.Count, efSource.Villages.Count, efSource.Households.Count, efSource.Disbursed);
        if (efSourceFigures != plainSource)
            throw new InvalidOperationException($"The source's trace and its baseline disagree: {efSourceFigures} vs {plainSource}");
        await PairAsync($"source trace: TraceFundSource ({efSource.Projects.Count} projects, {efSource.Villages.Count} villages, {efSource.Households.Count:N0} household lines)", name,
            () => traceSource.HandleAsync(document), () => raw.TraceSourceAsync(document), PageTargetMs);

        // The project list, first page.
        var list = services.GetRequiredService<ListProjects>();
        var efList = await list.HandleAsync(new ListProjects.Request());
        var plainList = await raw.ListProjectsAsync(efList.PageSize);
        if (efList.Total != plainList.Total || !efList.Items.Select(r => (r.Code, r.FirstVillage, r.Villages, r.Beneficiaries)).SequenceEqual(plainList.Rows))
            throw new InvalidOperationException($"The project list and its baseline disagree: {efList.Total} vs {plainList.Total}, first {efList.Items.FirstOrDefault()} vs {plainList.Rows.FirstOrDefault()}");
        await PairAsync($"project list: ListProjects (county, page 1 of {efList.Total:N0} projects, {efList.PageSize} a page)", name,
            () => list.HandleAsync(new ListProjects.Request()), () => raw.ListProjectsAsync(efList.PageSize), PageTargetMs);
    }

    private static string Codes(IEnumerable<string> codes) =>
        string.Join(", ", codes.GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

    private async Task PairAsync(string measurement, string db, Func<Task> subject, Func<Task> baseline, double targetMs)
    {
        Report.Progress($"{db}: {measurement} …");
        var (s, b) = await Measure.PairAsync(subject, baseline, options.Warmups, options.Runs);
        var recorded = await commands.RecordAsync(subject);
        sql.Add(($"{measurement} [{db}]", recorded));
        report.Add(new Row(measurement, db, Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL", s.Median / b.Median,
            $"< {targetMs:0} ms (median)", s.Median < targetMs,
            $"{options.Runs} runs; {recorded.Count} EF commands, {Report.Ms(recorded.Sum(c => c.Duration.TotalMilliseconds))} in db; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));
    }
}

/// <summary>
/// A county-year of projects and funds for the bench (2017, the demo's working year), written in bulk through
/// <see cref="BulkWriter"/> as the demo loaders write: every project approved, noticed (a week) and tendered, nearly all
/// started, over half accepted (and reimbursed); each allocated 90–100% of its budget from a 2017 source of its category
/// (a third also from a central one), paid after its notice's end — household projects (industry, relocation, housing,
/// dangerous houses, finance, training) to households of their villages, each household at most once per subsidy type,
/// the others to the contractor in instalments, accepted ones in full with a final payment after acceptance. The
/// deliberate alert cases: 10 projects never started (idle too), 2 allocated beyond their budget, 3 households paid twice,
/// 3 paid outside the project's villages, 2 households removed from the registry paid. Seeded and deterministic.
/// </summary>
public static class FundsBenchData
{
    public sealed record Added(int Projects, int Sources, int Allocations, int Disbursements, int HouseholdPayments);

    public const int ProjectCount = 2_000, DisbursementCount = 100_000;

    private const string Operator = "bench";

    private static readonly ProjectCategory[] Categories = Enum.GetValues<ProjectCategory>();

    private static readonly string[] Issuers = ["财政部", "湖北省财政厅", "恩施州财政局", "来凤县财政局"];

    private static readonly string[] Prefixes = ["财农", "鄂财农发", "恩州财农", "来财农"];

    private static bool HouseholdCategory(ProjectCategory c) =>
        c is ProjectCategory.Industry or ProjectCategory.Relocation or ProjectCategory.Housing or ProjectCategory.DangerousHouse or ProjectCategory.Finance or ProjectCategory.CapacityBuilding;

    private static string SubsidyType(ProjectCategory c) => c switch
    {
        ProjectCategory.Industry => "产业奖补",
        ProjectCategory.Relocation => "易地搬迁补助",
        ProjectCategory.Housing => "小康房补助",
        ProjectCategory.DangerousHouse => "危房改造补助",
        ProjectCategory.Finance => "扶贫小额信贷贴息",
        _ => "雨露计划补助",
    };

    private static Department DepartmentOf(ProjectCategory c) => c switch
    {
        ProjectCategory.Road => Department.Transport,
        ProjectCategory.Water => Department.Water,
        ProjectCategory.Power => Department.Power,
        ProjectCategory.Housing or ProjectCategory.DangerousHouse => Department.Housing,
        ProjectCategory.Telecom => Department.Telecom,
        ProjectCategory.Industry => Department.Agriculture,
        ProjectCategory.Relocation => Department.Development,
        ProjectCategory.PublicServices => Department.Education,
        ProjectCategory.CapacityBuilding => Department.HumanResources,
        _ => Department.Finance,
    };

    private sealed record Place(Guid Id, Guid TownshipId, string Name);

    private sealed record Home(Guid Id, string Number, Guid TownshipId, Guid VillageId);

    public static async Task<Added> AddAsync(TuopinDbFactory factory)
    {
        await using var db = factory.CreateForOperator(Operator);
        var countyId = await db.Counties.Select(c => c.Id).SingleAsync();
        var villages = (await db.Villages.AsNoTracking().Select(v => new { v.Id, v.TownshipId, v.Name, v.Code }).ToListAsync())
            .OrderBy(v => v.Code, StringComparer.Ordinal).Select(v => new Place(v.Id, v.TownshipId, v.Name)).ToList();
        var all = (await db.Households.AsNoTracking().Where(h => h.ClosedOn == null).Select(h => new { h.Id, h.Number, h.TownshipId, h.VillageId, h.Status }).ToListAsync())
            .OrderBy(h => h.Number, StringComparer.Ordinal).ToList();
        var homes = all.Where(h => h.Status != HouseholdStatus.Removed).Select(h => new Home(h.Id, h.Number, h.TownshipId, h.VillageId)).ToLookup(h => h.VillageId);
        var random = new Random(20171231);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        const int year = 2017;

        var projects = new List<Project>(ProjectCount);
        var links = new List<ProjectVillage>();
        var steps = new List<ProjectStepRecord>();
        var beneficiaries = new List<ProjectBeneficiary>();
        var counters = new Dictionary<ProjectCategory, int>();
        var placesOf = new Dictionary<Guid, List<Place>>();
        for (var i = 0; i < ProjectCount; i++)
        {
            var category = Categories[i % Categories.Length];
            var village = villages[random.Next(villages.Count)];
            var inTownship = villages.Where(v => v.TownshipId == village.TownshipId && v.Id != village.Id).ToList();
            var places = new List<Place> { village };
            if ((HouseholdCategory(category) || category is ProjectCategory.Road or ProjectCategory.Water) && inTownship.Count > 0 && random.NextDouble() < 0.4)
                places.Add(inTownship[random.Next(inTownship.Count)]);
            var byTownship = category is ProjectCategory.Road or ProjectCategory.Water or ProjectCategory.Industry or ProjectCategory.PublicServices && random.NextDouble() < 0.5;
            var n = counters[category] = counters.GetValueOrDefault(category) + 1;
            var approved = new DateOnly(year, 1, 10).AddDays(random.Next(0, 150));
            var noticeEnds = approved.AddDays(8);
            var notStarted = i % 200 == 7; // 10 on purpose
            var started = notStarted ? (DateOnly?)null : noticeEnds.AddDays(10 + random.Next(30));
            var accepted = started is { } s && random.NextDouble() < 0.6 ? s.AddDays(60 + random.Next(120)) : (DateOnly?)null;
            if (accepted > new DateOnly(year, 11, 30)) accepted = new DateOnly(year, 11, 30);
            var reimbursed = accepted?.AddDays(10 + random.Next(10));
            var step = reimbursed is not null ? ProjectStep.Reimbursed : accepted is not null ? ProjectStep.Accepted : started is not null ? ProjectStep.Implementing : ProjectStep.Tendered;
            var code = $"BJ{year}-{ProjectCategories.Codes[category].Code}-{n:0000}";
            var p = new Project
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, Code = code, Name = $"{string.Join("、", places.Select(v => v.Name))}{ProjectCategories.Codes[category].Name.Zh}项目（{n}）",
                Category = category, Year = year, ResponsibleTownshipId = byTownship ? village.TownshipId : null, ResponsibleDepartment = byTownship ? null : DepartmentOf(category),
                Budget = Money.FromYuan((HouseholdCategory(category) ? 300 + random.Next(700) : 200 + random.Next(1_800)) * 1_000m), OutputQuantity = 1 + random.Next(20), OutputUnit = "项",
                Step = step, ApprovalDocumentNumber = $"来发改审〔{year}〕B{i + 1}号", ApprovedOn = approved, NoticeStartsOn = approved.AddDays(1), NoticeEndsOn = noticeEnds,
                Contractor = $"来凤县第{1 + i % 40}建设工程有限公司", StartedOn = started, ProgressPercent = accepted is not null ? 100 : started is not null ? 10 + random.Next(85) : 0,
                AcceptedOn = accepted, AcceptedBy = accepted is null ? null : "县扶贫办验收组", AcceptanceResult = accepted is null ? null : "合格", ReimbursedOn = reimbursed,
                Integrated = category <= ProjectCategory.Telecom && random.NextDouble() < 0.4, RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
            };
            p.ContractAmount = new Money(p.Budget.Fen * 95 / 100);
            projects.Add(p);
            placesOf[p.Id] = places;
            links.AddRange(places.Select(v => new ProjectVillage { Id = Guid.CreateVersion7(), ProjectId = p.Id, VillageId = v.Id }));
            void Take(ProjectStep at, DateOnly on, string? document = null) =>
                steps.Add(new ProjectStepRecord { Id = Guid.CreateVersion7(), ProjectId = p.Id, Step = at, On = on, DocumentNumber = document, By = Operator, RecordedAt = now });
            Take(ProjectStep.Planned, approved.AddDays(-40));
            Take(ProjectStep.Applied, approved.AddDays(-20));
            Take(ProjectStep.Approved, approved, p.ApprovalDocumentNumber);
            Take(ProjectStep.Notice, approved.AddDays(1));
            Take(ProjectStep.Tendered, noticeEnds.AddDays(5));
            if (started is { } st) Take(ProjectStep.Implementing, st);
            if (accepted is { } ac) Take(ProjectStep.Accepted, ac);
            if (reimbursed is { } re) Take(ProjectStep.Reimbursed, re);
        }

        // Sources: each integration category at each of the four levels, sized to what they pay out and a little more.
        var allocations = new List<FundAllocation>();
        var plan = new List<(Project Project, IntegrationCategory Category, FundLevel Level, Money Amount)>();
        for (var i = 0; i < projects.Count; i++)
        {
            var p = projects[i];
            var category = LoadDemoFunds.CategoryOf(p.Category);
            var total = i is 11 or 1_311 ? new Money(p.Budget.Fen * 115 / 100) : new Money(p.Budget.Fen * random.Next(90, 101) / 100); // two beyond their budget, on purpose
            var level = (FundLevel)(1 + i % 4);
            if (level != FundLevel.Central && random.NextDouble() < 0.33)
            {
                var central = new Money(total.Fen * 4 / 10);
                plan.Add((p, category, FundLevel.Central, central));
                plan.Add((p, category, level, total - central));
            }
            else plan.Add((p, category, level, total));
        }
        var sources = plan.GroupBy(x => (x.Category, x.Level)).OrderBy(g => g.Key.Category).ThenBy(g => g.Key.Level).Select((g, k) =>
        {
            var needed = g.Aggregate(0L, (sum, x) => sum + x.Amount.Fen);
            var level = (int)g.Key.Level - 1;
            return new FundSource
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, Level = g.Key.Level, IssuingDepartment = Issuers[level],
                DocumentNumber = $"{Prefixes[level]}〔{year}〕B{100 + k}号", Year = year, ReceivedOn = new DateOnly(year, 1, 2 + level),
                Amount = new Money((needed * 105 / 100 + 99_999) / 100_000 * 100_000), Category = g.Key.Category, Allocated = new Money(needed), RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
            };
        }).ToDictionary(s => (s.Category, s.Level));
        var allocationsOf = new Dictionary<Guid, List<FundAllocation>>();
        foreach (var (p, category, level, amount) in plan)
        {
            var source = sources[(category, level)];
            var on = p.ApprovedOn!.Value < source.ReceivedOn ? source.ReceivedOn : p.ApprovedOn.Value;
            var a = new FundAllocation
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, FundSourceId = source.Id, ProjectId = p.Id, AllocatedOn = on, Amount = amount, Disbursed = Money.Zero,
                DocumentNumber = $"来扶资〔{year}〕B{allocations.Count + 1}号", RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
            };
            allocations.Add(a);
            (allocationsOf.TryGetValue(p.Id, out var l) ? l : allocationsOf[p.Id] = []).Add(a);
        }

        // Household payments first: each project's households (of its villages, each at most once a year per subsidy type).
        var paid = new HashSet<(Guid, string)>();
        var payments = new List<Disbursement>(DisbursementCount + 20);
        var startedProjects = projects.Where(p => p.StartedOn is not null).ToList();
        var householdProjects = startedProjects.Where(p => HouseholdCategory(p.Category)).ToList();
        var contractorProjects = startedProjects.Where(p => !HouseholdCategory(p.Category)).ToList();
        var perHouseholdProject = 80;
        var chosen = new Dictionary<Guid, List<Home>>();
        foreach (var p in householdProjects)
        {
            var type = SubsidyType(p.Category);
            var list = placesOf[p.Id].SelectMany(v => homes[v.Id]).Where(h => paid.Add((h.Id, type))).Take(perHouseholdProject).ToList();
            chosen[p.Id] = list;
        }
        var householdCount = chosen.Values.Sum(l => l.Count);
        var perContractor = (DisbursementCount - householdCount - 8) / (double)contractorProjects.Count; // 8: the deliberate ones below
        var contractorCounts = contractorProjects.Select((p, i) => (int)Math.Floor(perContractor * (i + 1)) - (int)Math.Floor(perContractor * i)).ToList();
        var end = new DateOnly(year, 12, 20);

        Disbursement Pay(FundAllocation a, Project p, DateOnly on, Money amount, bool final, Home? h, string? type) => new()
        {
            Id = Guid.CreateVersion7(), CountyId = countyId, FundAllocationId = a.Id, FundSourceId = a.FundSourceId, ProjectId = p.Id, PaidOn = on, Amount = amount,
            PayeeKind = h is null ? PayeeKind.Contractor : PayeeKind.Household, Payee = h?.Number ?? p.Contractor!, HouseholdId = h?.Id, TownshipId = h?.TownshipId, VillageId = h?.VillageId,
            SubsidyType = type, VoucherNumber = $"PZB{on:yyyyMM}-{payments.Count + 1:D6}", IsFinal = final, RecordedBy = Operator, CreatedAt = now,
        };

        // Spread k payments of one allocation over [from, to], the amounts in whole yuan, the last one taking the remainder.
        void Spread(FundAllocation a, Project p, Money spend, int k, Func<int, Home?> home, string? type, DateOnly? finalOn)
        {
            if (k <= 0) return;
            var from = p.NoticeEndsOn!.Value.AddDays(1) > p.StartedOn!.Value ? p.NoticeEndsOn.Value.AddDays(1) : p.StartedOn.Value;
            var to = p.AcceptedOn ?? end;
            var each = spend.Fen / k / 100 * 100;
            for (var j = 0; j < k; j++)
            {
                var last = j == k - 1;
                var on = last && finalOn is { } f ? f : from.AddDays((int)((long)(to.DayNumber - from.DayNumber) * j / k));
                var amount = last ? new Money(spend.Fen - each * (k - 1)) : new Money(each);
                payments.Add(Pay(a, p, on, amount, last && finalOn is not null, home(j), type));
                a.Disbursed += amount;
            }
        }

        foreach (var p in householdProjects)
        {
            var list = chosen[p.Id];
            var type = SubsidyType(p.Category);
            var own = allocationsOf[p.Id];
            var rate = p.AcceptedOn is not null ? 100 : 60 + random.Next(30);
            var offset = 0;
            for (var x = 0; x < own.Count; x++)
            {
                var k = x == own.Count - 1 ? list.Count - offset : list.Count * (int)(own[x].Amount.Fen * 100 / own.Sum(o => o.Amount.Fen)) / 100;
                var start = offset;
                Spread(own[x], p, new Money(own[x].Amount.Fen * rate / 100), k, j => list[start + j], type, null);
                offset += k;
            }
            beneficiaries.AddRange(list.Select(h => new ProjectBeneficiary { Id = Guid.CreateVersion7(), ProjectId = p.Id, HouseholdId = h.Id }));
        }
        for (var c = 0; c < contractorProjects.Count; c++)
        {
            var p = contractorProjects[c];
            var own = allocationsOf[p.Id];
            var rate = p.AcceptedOn is not null ? 100 : 50 + random.Next(40);
            var total = contractorCounts[c];
            var offset = 0;
            for (var x = 0; x < own.Count; x++)
            {
                var k = x == own.Count - 1 ? total - offset : Math.Max(1, total / own.Count);
                var finalOn = p.AcceptedOn is { } accepted && x == own.Count - 1 ? accepted.AddDays(10) : (DateOnly?)null;
                Spread(own[x], p, new Money(own[x].Amount.Fen * rate / 100), k, _ => null, null, finalOn);
                offset += k;
            }
        }

        // On purpose: 3 households paid twice for the same subsidy in the year, 3 outside the project's villages, 2 removed households paid.
        var open = householdProjects.Where(p => p.AcceptedOn is null && chosen[p.Id].Count > 2).ToList();
        for (var i = 0; i < 3 && i < open.Count; i++)
        {
            var p = open[i * 7];
            var h = chosen[p.Id][0];
            var a = allocationsOf[p.Id][^1];
            var amount = new Money(100_000);
            payments.Add(Pay(a, p, end.AddDays(-i), amount, false, h, SubsidyType(p.Category)));
            a.Disbursed += amount;
        }
        var strangers = open.Skip(30).Take(3).ToList();
        foreach (var p in strangers)
        {
            var villagesOf = placesOf[p.Id].Select(v => v.Id).ToHashSet();
            var h = homes.SelectMany(g => g).First(x => !villagesOf.Contains(x.VillageId) && x.TownshipId != placesOf[p.Id][0].TownshipId);
            var a = allocationsOf[p.Id][^1];
            var amount = new Money(200_000);
            payments.Add(Pay(a, p, end, amount, false, h, "临时救助"));
            a.Disbursed += amount;
        }
        // Two households nobody else paid are removed from the registry (清退) after the payments below.
        var paidIds = chosen.Values.SelectMany(l => l).Select(h => h.Id).ToHashSet();
        var removed = homes.SelectMany(g => g).Where(h => !paidIds.Contains(h.Id)).Skip(100).Take(2).ToList();
        foreach (var (h, i) in removed.Select((h, i) => (h, i)))
        {
            var p = open[40 + i];
            var a = allocationsOf[p.Id][^1];
            var amount = new Money(150_000);
            payments.Add(Pay(a, p, end, amount, false, h, "临时救助"));
            a.Disbursed += amount;
        }
        foreach (var a in allocations.Where(a => a.Disbursed > a.Amount))
            throw new InvalidOperationException($"bench data: allocation {a.DocumentNumber} overpaid");

        await using var transaction = await db.Database.BeginTransactionAsync();
        await BulkWriter.InsertAsync(db, projects);
        await BulkWriter.InsertAsync(db, links);
        await BulkWriter.InsertAsync(db, steps);
        await BulkWriter.InsertAsync(db, beneficiaries);
        await BulkWriter.InsertAsync(db, sources.Values.ToList());
        await BulkWriter.InsertAsync(db, allocations);
        await BulkWriter.InsertAsync(db, payments);
        var removedIds = removed.Select(h => h.Id).ToList();
        await db.Households.Where(h => removedIds.Contains(h.Id)).ExecuteUpdateAsync(u => u.SetProperty(h => h.Status, HouseholdStatus.Removed));
        await transaction.CommitAsync();
        return new Added(projects.Count, sources.Count, allocations.Count, payments.Count, payments.Count(d => d.HouseholdId is not null));
    }
}

/// <summary>
/// The fund ledger's figures in hand-written SQL over plain ADO.NET (a pooled connection per call), restricted to the
/// county, with the same Domain rules (FundRules) applied in C#: the baseline of <see cref="FundsBench"/>.
/// </summary>
public sealed class RawFunds(Tuopin.Application.Storage.DbTarget target, Guid countyId)
{
    private bool Sqlite => target.Provider == DbProvider.Sqlite;

    private object Id(Guid id) => Sqlite ? id.ToString().ToUpperInvariant() : id;

    private object Day(DateOnly d) => Sqlite ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : d;

    private DateOnly Date(System.Data.Common.DbDataReader r, int i) =>
        Sqlite ? DateOnly.Parse(r.GetString(i), System.Globalization.CultureInfo.InvariantCulture) : r.GetFieldValue<DateOnly>(i);

    private DateOnly? NullableDate(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : Date(r, i);

    private static long Long(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<System.Data.Common.DbConnection> OpenAsync()
    {
        System.Data.Common.DbConnection connection = Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(target.ConnectionString) : new Npgsql.NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static async Task<List<object[]>> RowsAsync(System.Data.Common.DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }
        return rows;
    }

    private static decimal Yuan(object value) => value is DBNull ? 0m : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) / 100m;

    /// <summary>A place's project: its responsible township, else the one township (zone) of all its villages.</summary>
    private const string Places = """
        WITH place AS (
          SELECT pv.project_id, COUNT(DISTINCT v.township_id) AS townships, COUNT(DISTINCT v.zone_id) AS zones, COUNT(v.zone_id) AS zoned, COUNT(*) AS villages,
                 MAX(pv.village_id) AS any_village
          FROM project_villages pv JOIN villages v ON v.id = pv.village_id GROUP BY pv.project_id)
        """;

    /// <summary>The ledger grouped in SQL: its lines (those with money allocated, or a source's receipts) and the totals allocated and paid.</summary>
    public async Task<(int Rows, decimal Allocated, decimal Disbursed)> LedgerAsync(string by)
    {
        await using var connection = await OpenAsync();
        var county = ("@county", Id(countyId));
        var anyVillage = Sqlite ? "MAX(pv.village_id)" : "MAX(pv.village_id::text)";
        var places = Places.Replace("MAX(pv.village_id)", anyVillage, StringComparison.Ordinal);
        var villageKey = Sqlite ? "pl.any_village" : "pl.any_village::uuid";
        List<object[]> rows = by switch
        {
            "source" => await RowsAsync(connection, """
                SELECT s.id, s.document_number, s.issuing_department, s.amount, COALESCE(SUM(a.amount), 0), COALESCE(SUM(a.disbursed), 0)
                FROM fund_sources s LEFT JOIN fund_allocations a ON a.fund_source_id = s.id WHERE s.county_id = @county
                GROUP BY s.id, s.document_number, s.issuing_department, s.amount, s.year ORDER BY s.year, s.document_number
                """, county),
            "category" => await RowsAsync(connection, """
                SELECT c.category, c.received, COALESCE(x.allocated, 0), COALESCE(x.disbursed, 0)
                FROM (SELECT s.category, SUM(s.amount) AS received FROM fund_sources s WHERE s.county_id = @county GROUP BY s.category) c
                LEFT JOIN (SELECT s.category, SUM(a.amount) AS allocated, SUM(a.disbursed) AS disbursed FROM fund_allocations a JOIN fund_sources s ON s.id = a.fund_source_id
                           WHERE s.county_id = @county GROUP BY s.category) x ON x.category = c.category
                ORDER BY c.category
                """, county),
            "project" => await RowsAsync(connection, """
                SELECT p.id, p.code, p.name, SUM(a.amount), SUM(a.disbursed) FROM fund_allocations a JOIN projects p ON p.id = a.project_id
                WHERE a.county_id = @county GROUP BY p.id, p.code, p.name HAVING SUM(a.amount) <> 0 ORDER BY p.code
                """, county),
            "township" => await RowsAsync(connection, $"""
                {places}
                SELECT t.code, t.name, x.allocated, x.disbursed FROM (
                  SELECT COALESCE(p.responsible_township_id, CASE WHEN pl.townships = 1 THEN (SELECT v.township_id FROM villages v WHERE v.id = {villageKey}) END) AS township_id,
                         SUM(a.amount) AS allocated, SUM(a.disbursed) AS disbursed
                  FROM fund_allocations a JOIN projects p ON p.id = a.project_id LEFT JOIN place pl ON pl.project_id = p.id
                  WHERE a.county_id = @county GROUP BY 1) x
                LEFT JOIN townships t ON t.id = x.township_id WHERE x.allocated <> 0 ORDER BY t.code
                """, county),
            "zone" => await RowsAsync(connection, $"""
                {places}
                SELECT z.name, x.allocated, x.disbursed FROM (
                  SELECT CASE WHEN pl.zones = 1 AND pl.zoned = pl.villages THEN (SELECT v.zone_id FROM villages v WHERE v.id = {villageKey}) END AS zone_id,
                         SUM(a.amount) AS allocated, SUM(a.disbursed) AS disbursed
                  FROM fund_allocations a JOIN projects p ON p.id = a.project_id LEFT JOIN place pl ON pl.project_id = p.id
                  WHERE a.county_id = @county GROUP BY 1) x
                LEFT JOIN zones z ON z.id = x.zone_id WHERE x.allocated <> 0 ORDER BY z."order"
                """, county),
            _ => await RowsAsync(connection, """
                SELECT p.responsible_department, SUM(a.amount), SUM(a.disbursed) FROM fund_allocations a JOIN projects p ON p.id = a.project_id
                WHERE a.county_id = @county GROUP BY p.responsible_department HAVING SUM(a.amount) <> 0 ORDER BY p.responsible_department
                """, county),
        };
        var (allocatedColumn, disbursedColumn) = by switch
        {
            "source" => (4, 5),
            "category" => (2, 3),
            "project" => (3, 4),
            "township" => (2, 3),
            "zone" => (1, 2),
            _ => (1, 2),
        };
        // A source or category line shows while it received money, even with nothing allocated yet.
        var shown = rows.Where(r => Yuan(r[allocatedColumn]) != 0 || by is "source" && Yuan(r[3]) > 0 || by is "category" && Yuan(r[1]) > 0).ToList();
        return (shown.Count, rows.Sum(r => Yuan(r[allocatedColumn])), rows.Sum(r => Yuan(r[disbursedColumn])));
    }

    private const string SourceTotalSql =
        "SELECT s.id FROM fund_sources s WHERE s.allocated <> COALESCE((SELECT SUM(a.amount) FROM fund_allocations a WHERE a.fund_source_id = s.id), 0) " +
        "OR s.allocated < 0 OR s.allocated > s.amount OR s.amount <= 0";

    private const string AllocationTotalSql =
        "SELECT a.id FROM fund_allocations a WHERE a.disbursed <> COALESCE((SELECT SUM(d.amount) FROM disbursements d WHERE d.fund_allocation_id = a.id), 0) " +
        "OR a.disbursed < 0 OR a.disbursed > a.amount OR a.amount < 0";

    private const string UntracedSql =
        "SELECT d.id FROM disbursements d LEFT JOIN fund_allocations a ON a.id = d.fund_allocation_id LEFT JOIN disbursements o ON o.id = d.refund_of_id " +
        "WHERE a.id IS NULL OR a.fund_source_id <> d.fund_source_id OR a.project_id <> d.project_id " +
        "OR (d.refund_of_id IS NOT NULL AND (o.id IS NULL OR o.fund_allocation_id <> d.fund_allocation_id))";

    private const string AmountSql =
        "SELECT d.id FROM disbursements d WHERE d.amount = 0 OR (d.refund_of_id IS NULL AND d.amount < 0) OR (d.refund_of_id IS NOT NULL AND d.amount > 0)";

    private const string BeforeNoticeSql =
        "SELECT d.id FROM disbursements d JOIN projects p ON p.id = d.project_id WHERE d.refund_of_id IS NULL AND " +
        "(p.approved_on IS NULL OR d.paid_on < p.approved_on OR p.notice_ends_on IS NULL OR d.paid_on <= p.notice_ends_on)";

    private const string FinalBeforeAcceptanceSql =
        "SELECT d.id FROM disbursements d JOIN projects p ON p.id = d.project_id WHERE d.refund_of_id IS NULL AND d.is_final " +
        "AND (p.accepted_on IS NULL OR d.paid_on < p.accepted_on)";

    private const string OverRefundSql =
        "SELECT o.id FROM disbursements o WHERE o.refund_of_id IS NULL AND o.amount + COALESCE((SELECT SUM(r.amount) FROM disbursements r WHERE r.refund_of_id = o.id), 0) < 0";

    /// <summary>
    /// The check: each invariant's rows by a set-based query; the alerts from the figures summed in SQL (spent per source,
    /// last payment per allocation, allocated and paid per project, each household payment net of its refunds with its
    /// household's status and whether it lies in the project's villages), the FundRules applied in C#. The codes found.
    /// </summary>
    public async Task<List<string>> CheckAsync(DateOnly asOf, SpendingSchedule schedule, FundThresholds thresholds)
    {
        await using var connection = await OpenAsync();
        var codes = new List<string>();
        foreach (var (sql, code) in new[]
        {
            (SourceTotalSql, "funds.source_total"), (AllocationTotalSql, "funds.allocation_total"), (UntracedSql, "funds.untraced"), (AmountSql, "funds.amount"),
            (BeforeNoticeSql, "funds.paid_before_notice"), (FinalBeforeAcceptanceSql, "funds.final_before_acceptance"), (OverRefundSql, "funds.over_refund"),
        })
            codes.AddRange((await RowsAsync(connection, sql)).Select(_ => code));

        var day = ("@asOf", Day(asOf));
        await using (var command = Command(connection, """
            SELECT s.year, s.amount, COALESCE((SELECT SUM(d.amount) FROM disbursements d WHERE d.fund_source_id = s.id AND d.paid_on <= @asOf), 0)
            FROM fund_sources s WHERE s.year <= @year
            """, day, ("@year", asOf.Year)))
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync())
                if (FundRules.BehindSchedule(new Money(Long(r, 1)), new Money(Long(r, 2)), schedule.TargetOn(r.GetInt32(0), asOf))) codes.Add("funds.behind_schedule");

        await using (var command = Command(connection, """
            SELECT a.amount - a.disbursed, a.allocated_on, (SELECT MAX(d.paid_on) FROM disbursements d WHERE d.fund_allocation_id = a.id AND d.refund_of_id IS NULL AND d.paid_on <= @asOf)
            FROM fund_allocations a WHERE a.allocated_on <= @asOf
            """, day))
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync())
                if (FundRules.IsIdle(new Money(Long(r, 0)), Date(r, 1), NullableDate(r, 2), asOf, thresholds.IdleDays)) codes.Add("funds.idle");

        await using (var command = Command(connection, "SELECT p.approved_on, p.started_on FROM projects p WHERE p.closed_on IS NULL AND p.approved_on IS NOT NULL AND p.started_on IS NULL"))
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync())
                if (FundRules.NotStarted(NullableDate(r, 0), NullableDate(r, 1), asOf, thresholds.NotStartedDays)) codes.Add("funds.not_started");

        await using (var command = Command(connection, "SELECT p.budget, SUM(a.amount), SUM(a.disbursed) FROM fund_allocations a JOIN projects p ON p.id = a.project_id GROUP BY p.id, p.budget"))
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync())
                codes.AddRange(FundRules.BudgetOverrun(new Money(Long(r, 0)), new Money(Long(r, 1)), new Money(Long(r, 2))).Select(_ => "funds.over_budget"));

        var twice = new Dictionary<(Guid, string, int), List<Money>>();
        await using (var command = Command(connection, """
            SELECT d.household_id, d.subsidy_type, d.paid_on, d.amount + COALESCE((SELECT SUM(r.amount) FROM disbursements r WHERE r.refund_of_id = d.id), 0), h.status,
                   EXISTS (SELECT 1 FROM project_villages pv WHERE pv.project_id = d.project_id AND pv.village_id = h.village_id)
            FROM disbursements d JOIN households h ON h.id = d.household_id WHERE d.refund_of_id IS NULL
            """))
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                var net = new Money(Long(r, 3));
                if (net.Fen > 0)
                    codes.AddRange(FundRules.HouseholdPaymentProblems((HouseholdStatus)r.GetInt32(4), Long(r, 5) != 0).Select(p => p.Code));
                if (r.IsDBNull(1)) continue;
                var key = (r.GetGuid(0), r.GetString(1), Date(r, 2).Year);
                if (!twice.TryGetValue(key, out var list)) twice[key] = list = [];
                list.Add(net);
            }
        foreach (var list in twice.Values.Where(FundRules.PaidTwice))
            codes.AddRange(list.Where(m => m.Fen > 0).Select(_ => "funds.paid_twice"));
        return codes;
    }

    /// <summary>The household with the most payments (its number).</summary>
    public async Task<string> BusiestHouseholdAsync()
    {
        await using var connection = await OpenAsync();
        var rows = await RowsAsync(connection,
            "SELECT h.number FROM disbursements d JOIN households h ON h.id = d.household_id GROUP BY h.number ORDER BY COUNT(*) DESC, h.number LIMIT 1");
        return (string)rows[0][0];
    }

    /// <summary>A household's trace: the household and its places, its head, every payment with its source and project. The count and the total.</summary>
    public async Task<(int Lines, decimal Total)> TraceHouseholdAsync(string number)
    {
        await using var connection = await OpenAsync();
        var household = await RowsAsync(connection, """
            SELECT h.id, h.number, v.name, t.name FROM households h LEFT JOIN villages v ON v.id = h.village_id LEFT JOIN townships t ON t.id = h.township_id
            WHERE h.county_id = @county AND h.number = @number LIMIT 1
            """, ("@county", Id(countyId)), ("@number", number));
        var id = Sqlite ? household[0][0] : (Guid)household[0][0];
        _ = await RowsAsync(connection, $"SELECT m.name FROM members m WHERE m.household_id = @id AND m.relation = {(int)Relation.Head} LIMIT 1", ("@id", id));
        var lines = await RowsAsync(connection, """
            SELECT d.id, d.paid_on, d.amount, d.subsidy_type, d.measure_id, d.refund_of_id, d.voucher_number, s.id, s.document_number, s.level, s.category, p.id, p.code, p.name
            FROM disbursements d JOIN fund_sources s ON s.id = d.fund_source_id JOIN projects p ON p.id = d.project_id
            WHERE d.household_id = @id ORDER BY d.paid_on, d.created_at
            """, ("@id", id));
        return (lines.Count, lines.Sum(l => Yuan(l[2])));
    }

    /// <summary>The source with the most payments (its document number).</summary>
    public async Task<string> BusiestSourceAsync()
    {
        await using var connection = await OpenAsync();
        var rows = await RowsAsync(connection,
            "SELECT s.document_number FROM disbursements d JOIN fund_sources s ON s.id = d.fund_source_id GROUP BY s.document_number ORDER BY COUNT(*) DESC, s.document_number LIMIT 1");
        return (string)rows[0][0];
    }

    /// <summary>A source's trace grouped in SQL: by project, by village, by household (and project and subsidy type). The counts of lines and the total paid.</summary>
    public async Task<(int Projects, int Villages, int Households, decimal Disbursed)> TraceSourceAsync(string document)
    {
        await using var connection = await OpenAsync();
        var source = await RowsAsync(connection, "SELECT s.id, s.amount FROM fund_sources s WHERE s.county_id = @county AND s.document_number = @doc",
            ("@county", Id(countyId)), ("@doc", document));
        var id = ("@id", Sqlite ? source[0][0] : (Guid)source[0][0]);
        var projects = await RowsAsync(connection, """
            SELECT p.id, p.code, p.name, x.allocated,
                   COALESCE((SELECT SUM(d.amount) FROM disbursements d WHERE d.fund_source_id = @id AND d.project_id = p.id AND d.payee_kind = 1), 0),
                   COALESCE((SELECT SUM(d.amount) FROM disbursements d WHERE d.fund_source_id = @id AND d.project_id = p.id AND d.payee_kind = 2), 0)
            FROM (SELECT a.project_id, SUM(a.amount) AS allocated FROM fund_allocations a WHERE a.fund_source_id = @id GROUP BY a.project_id) x
            JOIN projects p ON p.id = x.project_id ORDER BY p.code
            """, id);
        var villages = await RowsAsync(connection, """
            SELECT v.id, t.name, v.name, COUNT(DISTINCT d.household_id), SUM(d.amount)
            FROM disbursements d JOIN villages v ON v.id = d.village_id JOIN townships t ON t.id = v.township_id
            WHERE d.fund_source_id = @id GROUP BY v.id, t.name, v.name, v.code ORDER BY v.code
            """, id);
        var households = await RowsAsync(connection, """
            SELECT d.household_id, h.number, v.name, p.code, d.subsidy_type, SUM(d.amount)
            FROM disbursements d JOIN households h ON h.id = d.household_id JOIN villages v ON v.id = d.village_id JOIN projects p ON p.id = d.project_id
            WHERE d.fund_source_id = @id GROUP BY d.household_id, h.number, v.name, p.code, d.subsidy_type ORDER BY h.number, p.code
            """, id);
        var disbursed = projects.Sum(p => Yuan(p[4]) + Yuan(p[5]));
        return (projects.Count, villages.Count, households.Count, disbursed);
    }

    /// <summary>The project list's first page: the count, then the page with its unit, first village and counts.</summary>
    public async Task<(int Total, List<(string Code, string? FirstVillage, int Villages, int Beneficiaries)> Rows)> ListProjectsAsync(int take)
    {
        await using var connection = await OpenAsync();
        var county = ("@county", Id(countyId));
        var total = Convert.ToInt32((await RowsAsync(connection, "SELECT COUNT(*) FROM projects p WHERE p.county_id = @county", county))[0][0], System.Globalization.CultureInfo.InvariantCulture);
        var rows = await RowsAsync(connection, """
            SELECT p.code,
                   (SELECT v.name FROM project_villages pv JOIN villages v ON v.id = pv.village_id WHERE pv.project_id = p.id ORDER BY v.name LIMIT 1),
                   (SELECT COUNT(*) FROM project_villages pv WHERE pv.project_id = p.id),
                   (SELECT COUNT(*) FROM project_beneficiaries b WHERE b.project_id = p.id),
                   p.id, p.version, p.name, p.category, p.year, p.step, p.responsible_department, (SELECT t.name FROM townships t WHERE t.id = p.responsible_township_id),
                   p.budget, p.integrated, p.held_by_objection, p.flagged, p.approved_on, p.started_on, p.progress_percent
            FROM projects p WHERE p.county_id = @county ORDER BY p.year DESC, p.code LIMIT @take
            """, county, ("@take", take));
        return (total, rows.Select(r => ((string)r[0], r[1] is DBNull ? null : (string?)r[1],
            Convert.ToInt32(r[2], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(r[3], System.Globalization.CultureInfo.InvariantCulture))).ToList());
    }
}
