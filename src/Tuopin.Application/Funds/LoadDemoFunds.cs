using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Funds;

/// <summary>
/// The demo's fund ledger, clearly illustrative: for each of 2015–2017 and each of the seven integration categories, a
/// source at one of the four levels, sized to the approved demo projects of that year and category plus a tenth left
/// unallocated; each approved project allocated 90–100% of its budget; after its notice's end, a first payment (to the
/// contractor, or for industry, dangerous-house and living-aid projects to up to ten poor households of its villages), and
/// after acceptance the final payment. It reads the projects already in the database (the Projects demo runs first) and
/// writes nothing when there are none. A few cases are left on purpose for <c>tuopin funds check</c> (see
/// docs/demo-data.md): one project allocated beyond its budget, one household paid twice for the same subsidy in a year,
/// one household benefit paid outside the project's villages. Seeded (<c>DemoSeed.Of(seed, "funds")</c>) and deterministic.
/// </summary>
public static class LoadDemoFunds
{
    public sealed record Result(int Sources, int Allocations, int Disbursements);

    private const string Operator = "演示数据";

    /// <summary>The demo's household payments go to cards of the county's rural commercial bank; the last four digits are made up from the household's number.</summary>
    private const string DemoBank = "来凤农商银行";

    private static string DemoCardTail(string number)
    {
        var hash = 2166136261u;
        foreach (var c in number) hash = (hash ^ c) * 16777619u;
        return (hash % 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static IntegrationCategory CategoryOf(ProjectCategory c) => c switch
    {
        ProjectCategory.Industry => IntegrationCategory.IndustryDevelopment,
        ProjectCategory.Relocation => IntegrationCategory.Relocation,
        ProjectCategory.DangerousHouse => IntegrationCategory.LivingAid,
        ProjectCategory.PublicServices => IntegrationCategory.PublicServices,
        ProjectCategory.CapacityBuilding => IntegrationCategory.CapacityBuilding,
        ProjectCategory.Finance => IntegrationCategory.FinanceLeverage,
        _ => IntegrationCategory.ConditionImprovement,
    };

    private static readonly string[] Issuers = ["财政部", "湖北省财政厅", "恩施州财政局", "来凤县财政局"];

    private static readonly string[] Prefixes = ["财农", "鄂财农发", "恩州财农", "来财农"];

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = LoadDemo.DefaultSeed, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator(Operator);
        if (await db.FundSources.AnyAsync(ct)) return new Result(0, 0, 0);
        var projects = await db.Projects.AsNoTracking().Include(p => p.Villages).Where(p => p.ApprovedOn != null).ToListAsync(ct);
        if (projects.Count == 0) return new Result(0, 0, 0);
        projects = projects.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var countyId = projects[0].CountyId;
        var random = new Random(DemoSeed.Of(seed, "funds"));
        var villageIds = projects.SelectMany(p => p.Villages.Select(v => v.VillageId)).Distinct().ToList();
        var poor = (await db.Households.AsNoTracking().Where(h => villageIds.Contains(h.VillageId) && h.ClosedOn == null && h.Status != HouseholdStatus.Removed)
                .Select(h => new { h.Id, h.Number, h.TownshipId, h.VillageId }).ToListAsync(ct))
            .OrderBy(h => h.Number, StringComparer.Ordinal).ToLookup(h => h.VillageId);
        var heads = (await db.Members.AsNoTracking().Where(m => villageIds.Contains(db.Households.Where(h => h.Id == m.HouseholdId).Select(h => h.VillageId).FirstOrDefault()) && m.Relation == Relation.Head)
            .Select(m => new { m.HouseholdId, m.Name }).ToListAsync(ct)).GroupBy(m => m.HouseholdId).ToDictionary(g => g.Key, g => g.First().Name);

        // Allocations first (their amounts size the sources).
        int YearOf(Project p) => Math.Clamp(p.Year, 2015, 2017);
        var shares = projects.Select(p => (Project: p, Amount: new Money(p.Budget.Fen * random.Next(90, 101) / 100))).ToList();
        // On purpose: the first project gets 20% more than its budget (budget overrun).
        shares[0] = (shares[0].Project, new Money(shares[0].Project.Budget.Fen * 120 / 100));
        var sources = new Dictionary<(int, IntegrationCategory), FundSource>();
        var n = 0;
        foreach (var year in new[] { 2015, 2016, 2017 })
            foreach (var category in Enum.GetValues<IntegrationCategory>())
            {
                var level = n++ % 4;
                var needed = shares.Where(s => YearOf(s.Project) == year && CategoryOf(s.Project.Category) == category).Aggregate(0L, (sum, s) => sum + s.Amount.Fen);
                var amount = needed == 0 ? Money.FromYuan(100_000m * (1 + random.Next(10))) : new Money((needed * 110 / 100 + 99_999) / 100_000 * 100_000);
                sources[(year, category)] = new FundSource
                {
                    Id = Guid.CreateVersion7(), CountyId = countyId, Level = (FundLevel)(level + 1), IssuingDepartment = Issuers[level],
                    DocumentNumber = $"{Prefixes[level]}〔{year}〕{10 + (int)category * 3 + random.Next(3)}号", Year = year, ReceivedOn = new DateOnly(year, 1 + level, 15),
                    Amount = amount, Category = category, Allocated = Money.Zero, RecordedBy = Operator, Version = 1,
                };
            }
        var allocations = new List<FundAllocation>();
        var payments = new List<Disbursement>();
        var twiceDone = false;
        var outsideDone = false;
        foreach (var (p, amount) in shares)
        {
            var source = sources[(YearOf(p), CategoryOf(p.Category))];
            source.Allocated += amount;
            var allocatedOn = p.ApprovedOn!.Value < source.ReceivedOn ? source.ReceivedOn : p.ApprovedOn.Value;
            var allocation = new FundAllocation
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, FundSourceId = source.Id, ProjectId = p.Id, AllocatedOn = allocatedOn, Amount = amount, Disbursed = Money.Zero,
                DocumentNumber = $"来扶资〔{allocatedOn.Year}〕{allocations.Count + 1}号", RecordedBy = Operator, Version = 1,
            };
            allocations.Add(allocation);
            if (p.NoticeEndsOn is not { } noticeEnds || p.HeldByObjection) continue;
            var paidOn = noticeEnds.AddDays(5 + random.Next(20));
            Disbursement Pay(Money m, DateOnly on, bool final, string payee) => new()
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, FundAllocationId = allocation.Id, FundSourceId = source.Id, ProjectId = p.Id, PaidOn = on, Amount = m,
                PayeeKind = PayeeKind.Contractor, Payee = payee, VoucherNumber = $"PZ{on:yyyyMM}-{payments.Count + 1:D4}", IsFinal = final, RecordedBy = Operator,
            };
            var households = p.Villages.SelectMany(v => poor[v.VillageId]).Take(10).ToList();
            if (p.Category is ProjectCategory.Industry or ProjectCategory.DangerousHouse && households.Count > 0)
            {
                var type = p.Category == ProjectCategory.Industry ? "产业奖补" : "危房改造补助";
                var each = new Money(Math.Min(amount.Fen / 2 / households.Count, 500_000) / 100 * 100);
                foreach (var h in households)
                {
                    var d = Pay(each, paidOn, false, heads.GetValueOrDefault(h.Id) ?? h.Number);
                    (d.PayeeKind, d.HouseholdId, d.TownshipId, d.VillageId, d.SubsidyType, d.CardBank, d.CardTail) = (PayeeKind.Household, h.Id, h.TownshipId, h.VillageId, type, DemoBank, DemoCardTail(h.Number));
                    payments.Add(d);
                }
                // On purpose: the first such project pays its first household the same subsidy again a month later.
                if (!twiceDone && each.Fen * (households.Count + 1) <= amount.Fen)
                {
                    var h = households[0];
                    var again = Pay(each, paidOn.AddDays(30), false, heads.GetValueOrDefault(h.Id) ?? h.Number);
                    (again.PayeeKind, again.HouseholdId, again.TownshipId, again.VillageId, again.SubsidyType, again.CardBank, again.CardTail) = (PayeeKind.Household, h.Id, h.TownshipId, h.VillageId, type, DemoBank, DemoCardTail(h.Number));
                    payments.Add(again);
                    twiceDone = true;
                }
                // On purpose: one benefit paid to a household of a village outside the project.
                else if (!outsideDone && poor.SelectMany(g => g).FirstOrDefault(x => p.Villages.All(v => v.VillageId != x.VillageId)) is { } stranger && each.Fen * (households.Count + 1) <= amount.Fen)
                {
                    var d = Pay(each, paidOn.AddDays(10), false, heads.GetValueOrDefault(stranger.Id) ?? stranger.Number);
                    (d.PayeeKind, d.HouseholdId, d.TownshipId, d.VillageId, d.SubsidyType, d.CardBank, d.CardTail) = (PayeeKind.Household, stranger.Id, stranger.TownshipId, stranger.VillageId, type, DemoBank, DemoCardTail(stranger.Number));
                    payments.Add(d);
                    outsideDone = true;
                }
            }
            else
            {
                var contractor = p.Contractor ?? "来凤县建设工程有限公司";
                payments.Add(Pay(new Money(amount.Fen * 6 / 10), paidOn, false, contractor));
                if (p.AcceptedOn is { } accepted)
                    // The final payment within a week of acceptance: before the project's reimbursement (10–29 days after) and closing.
                    payments.Add(Pay(new Money(amount.Fen * 3 / 10), accepted.AddDays(1 + random.Next(20) / 3), true, contractor));
            }
            allocation.Disbursed = payments.Where(d => d.FundAllocationId == allocation.Id).Aggregate(Money.Zero, (s, d) => s + d.Amount);
        }
        db.FundSources.AddRange(sources.Values);
        db.FundAllocations.AddRange(allocations);
        db.Disbursements.AddRange(payments);
        db.ChangeReason = "演示数据";
        await db.SaveChangesAsync(ct);
        return new Result(sources.Count, allocations.Count, payments.Count);
    }
}
