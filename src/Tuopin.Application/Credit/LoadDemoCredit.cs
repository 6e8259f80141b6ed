using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Credit;

/// <summary>
/// The demo's micro-credit, clearly illustrative: about a third of the households still poor in the working year (not
/// exited before it, and without a micro-credit measure in the year's plan already) borrowed from 来凤农商行 or 邮储银行
/// between October 2014 and December 2016, 10,000–50,000 yuan, mostly for 36 months (one in ten for 24), for an
/// industry of the plan that fits the household; interest paid yearly, the county subsidising all of it. Loans due by the
/// end of the working year are repaid when due, except a few left overdue on purpose (<see cref="Overdue"/>) and two the
/// guarantee fund compensated; a few not yet due were repaid early. The fund had three deposits. Each loan has its
/// measure (小额信贷, in the issue year), in step. Seeded (its own stream, <c>DemoSeed.Of(seed, "credit")</c>) and
/// deterministic; bulk-written in one transaction after the assistance.
/// </summary>
public static class LoadDemoCredit
{
    /// <summary>Loans left overdue at the end of the working year, and loans the fund compensated.</summary>
    public const int Overdue = 8, Compensated = 2;

    public sealed record Result(int Loans, int Repayments, int Deposits, int Payouts, int OverdueLoans);

    private const string Operator = "演示数据";

    private static readonly (string Industry, string Purpose)[] Uses =
    [
        ("vine_tea", "发展藤茶种植{0}亩"), ("green_tea", "发展绿茶种植{0}亩"), ("oil_tea", "发展油茶种植{0}亩"), ("pigs", "养殖生猪{0}头"),
        ("chicken", "养殖土鸡{0}00羽"), ("vegetables", "发展蔬菜种植{0}亩"), ("herbs", "种植道地药材{0}亩"), ("tourism", "开办农家乐（{0}间客房）"),
    ];

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = LoadDemo.DefaultSeed, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator(Operator);
        if (await db.Loans.AnyAsync(ct) || await db.GuaranteeFundDeposits.AnyAsync(ct))
            throw new ConflictException(new LocalText("该数据库已有小额信贷数据，不再载入演示数据", "This database already holds micro-credit records; the demo's are not loaded"));
        var year = await WorkYear.StoredAsync(db, ct) ?? DemoPlan.WorkYear;
        var end = new DateOnly(year, 12, 31);
        var countyId = await db.Counties.Select(c => c.Id).SingleAsync(ct);
        var planned = db.Measures.Where(m => m.Type == MeasureType.MicroCredit && m.HouseholdId != null).Select(m => m.HouseholdId!.Value);
        var candidates = await db.Households.AsNoTracking()
            .Where(h => (h.Status == HouseholdStatus.NotExited || h.Status == HouseholdStatus.Returned || h.ExitYear >= year) && h.ClosedOn == null && !planned.Contains(h.Id))
            .Select(h => new { h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.MainCause })
            .ToListAsync(ct);
        var random = new Random(DemoSeed.Of(seed, "credit"));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var loans = new List<Loan>();
        var measures = new List<Measure>();
        var repayments = new List<Repayment>();
        var first = new DateOnly(2014, 10, 1);
        foreach (var h in candidates.OrderBy(c => c.Number, StringComparer.Ordinal))
        {
            if (random.NextDouble() >= 0.35 || h.MainCause is PovertyCause.Disability or PovertyCause.LackOfLabour) continue;
            var amount = Money.FromYuan(10_000m + (5_000m * random.Next(0, 9)));
            var issued = first.AddDays(random.Next(0, 820));
            var term = random.NextDouble() < 0.1 ? 24 : 36;
            var use = h.MainCause == PovertyCause.LackOfSkills ? Uses[random.Next(4, 6)] : Uses[random.Next(Uses.Length)];
            var purpose = string.Format(System.Globalization.CultureInfo.InvariantCulture, use.Purpose, random.Next(2, 9));
            var bank = random.NextDouble() < 0.8 ? "来凤农商行" : "邮储银行来凤支行";
            var rate = issued < new DateOnly(2015, 10, 24) ? 4.75m : 4.35m;
            var fields = new IssueLoan.Fields(bank, $"{(bank == "来凤农商行" ? "LFRCB" : "PSBC")}-{issued:yyyyMM}-{loans.Count + 1:D4}", amount.Yuan, issued, term, purpose, use.Industry, rate, rate);
            var (loan, measure) = IssueLoan.Create(h.Id, h.CountyId, h.TownshipId, h.VillageId, fields, Operator, now);
            loans.Add(loan);
            measures.Add(measure);
        }

        // Repayments: interest each year on the day of issue while the loan runs, the principal when due; the exceptions first.
        var due = loans.Where(l => l.DueOn < end).OrderBy(l => l.DueOn).ToList();
        var compensated = due.Where(l => l.DueOn <= end.AddDays(-90)).Take(Compensated).ToHashSet();
        var overdue = due.Where(l => !compensated.Contains(l)).OrderBy(_ => random.Next()).Take(Overdue).ToHashSet();
        var payouts = new List<RiskCompensation>();
        foreach (var loan in loans)
        {
            var measure = measures.First(m => m.Id == loan.MeasureId);
            var early = loan.DueOn >= end && random.NextDouble() < 0.04;
            var partly = loan.DueOn >= end && !early && random.NextDouble() < 0.1;
            for (var n = 1; loan.IssuedOn.AddMonths(12 * n) <= end && loan.Status == LoanStatus.Outstanding; n++)
            {
                var day = loan.IssuedOn.AddMonths(12 * n);
                if (day > loan.DueOn) break;
                var owed = CreditRules.Outstanding(loan.Amount, loan.PrincipalRepaid);
                var interest = Money.FromYuan(Math.Round(owed.Yuan * loan.InterestRate / 100m, 2));
                var principal = Money.Zero;
                if (day == loan.DueOn && !overdue.Contains(loan) && !compensated.Contains(loan)) principal = owed;
                else if (early && n == 2) principal = owed;
                else if (partly && n == 2) principal = Money.FromYuan(Math.Round(owed.Yuan / 2m / 1000m) * 1000m);
                else if ((overdue.Contains(loan) || compensated.Contains(loan)) && day == loan.DueOn && random.NextDouble() < 0.5)
                    principal = Money.FromYuan(Math.Round(owed.Yuan * 0.2m / 1000m) * 1000m);
                repayments.Add(RecordRepayment.Apply(loan, measure, day, principal, interest, Operator, now));
            }
            if (compensated.Contains(loan))
            {
                var on = loan.DueOn.AddDays(random.Next(60, 90));
                var owed = CreditRules.Outstanding(loan.Amount, loan.PrincipalRepaid);
                payouts.Add(new RiskCompensation
                {
                    Id = Guid.CreateVersion7(), CountyId = countyId, LoanId = loan.Id, PaidOn = on, Amount = owed,
                    Note = "逾期90日内经催收仍无力偿还，按协议由风险补偿金代偿", RecordedBy = Operator, RecordedAt = now,
                });
                loan.Status = LoanStatus.Compensated;
                loan.ClosedOn = on;
                loan.Version++;
                RecordRepayment.Complete(measure, on, new LocalText("逾期贷款已由风险补偿金代偿", "Compensated by the guarantee fund"), now);
            }
        }
        var deposits = new List<GuaranteeFundDeposit>
        {
            new() { Id = Guid.CreateVersion7(), CountyId = countyId, DepositedOn = new DateOnly(2014, 9, 15), Amount = Money.FromYuan(3_000_000m), Source = "来财农发〔2014〕45号（设立扶贫小额信贷风险补偿金，示意）", RecordedBy = Operator, RecordedAt = now },
            new() { Id = Guid.CreateVersion7(), CountyId = countyId, DepositedOn = new DateOnly(2015, 7, 1), Amount = Money.FromYuan(2_000_000m), Source = "来财农发〔2015〕28号（示意）", RecordedBy = Operator, RecordedAt = now },
            new() { Id = Guid.CreateVersion7(), CountyId = countyId, DepositedOn = new DateOnly(2016, 6, 20), Amount = Money.FromYuan(2_000_000m), Source = "来财农发〔2016〕31号（示意）", RecordedBy = Operator, RecordedAt = now },
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, measures, ct);
        await BulkWriter.InsertAsync(db, loans, ct);
        await BulkWriter.InsertAsync(db, repayments, ct);
        await BulkWriter.InsertAsync(db, deposits, ct);
        await BulkWriter.InsertAsync(db, payouts, ct);
        var batch = Guid.CreateVersion7();
        db.AuditEntries.Add(new AuditEntry
        {
            Id = batch, At = now, UserName = Operator, Action = AuditAction.Bulk, EntityType = nameof(Loan), EntityId = batch, CorrelationId = batch,
            Changes = JsonSerializer.Serialize(new
            {
                source = "Laifeng demo micro-credit (illustrative)", seed, year, loans = loans.Count, repayments = repayments.Count, deposits = deposits.Count,
                payouts = payouts.Count, overdueLeftOnPurpose = overdue.Count,
            }),
            Reason = "载入来凤县演示小额信贷数据（示意）",
            CountyId = countyId,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(loans.Count, repayments.Count, deposits.Count, payouts.Count, overdue.Count);
    }
}
