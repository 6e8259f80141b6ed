using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// Checks the whole ledger (资金核查): every invariant recomputed from the rows with set-based queries — the running totals
/// equal the sums, nothing negative or over, every payment traces to its allocation's source and project, none before
/// approval and the end of the notice, no final payment before acceptance, no refund more than its payment — and every
/// alert: spending behind the county's schedule, idle balances, approved projects not started, budget overruns, household
/// benefits to households not poor or outside the project's villages, and the same household paid twice for the same subsidy
/// type in a year. Each finding says why and names the records to open.
/// </summary>
public sealed class CheckFunds(Database database)
{
    public const string Invariant = "invariant", Alert = "alert";

    public sealed record Finding(string Kind, string Code, LocalText Reason, string Label,
        Guid? SourceId = null, Guid? AllocationId = null, Guid? ProjectId = null, Guid? DisbursementId = null, Guid? HouseholdId = null);

    public sealed record Result(DateOnly AsOf, string Schedule, int IdleDays, int NotStartedDays, int Invariants, int Alerts, IReadOnlyList<Finding> Findings)
    {
        public bool Clean => Findings.Count == 0;
    }

    public async Task<Result> HandleAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        FundsAccess.RequireLedgerReader(database.Actor);
        await using var db = database.Open();
        var day = await FundsAccess.AsOfAsync(db, database.Clock, asOf, ct);
        var schedule = await FundsAccess.ScheduleAsync(db, ct);
        var thresholds = await FundsAccess.ThresholdsAsync(db, ct);
        var findings = new List<Finding>();
        await InvariantsAsync(db, findings, ct);
        var invariants = findings.Count;
        await AlertsAsync(db, day, schedule, thresholds, findings, ct);
        return new Result(day, schedule.ToString(), thresholds.IdleDays, thresholds.NotStartedDays, invariants, findings.Count - invariants, findings);
    }

    // ---- Invariants: one set-based query each, returning the ids of the rows that break it. ----

    private const string SourceTotalSql =
        "SELECT s.id AS \"Value\" FROM fund_sources s WHERE s.allocated <> COALESCE((SELECT SUM(a.amount) FROM fund_allocations a WHERE a.fund_source_id = s.id), 0) " +
        "OR s.allocated < 0 OR s.allocated > s.amount OR s.amount <= 0";

    private const string AllocationTotalSql =
        "SELECT a.id AS \"Value\" FROM fund_allocations a WHERE a.disbursed <> COALESCE((SELECT SUM(d.amount) FROM disbursements d WHERE d.fund_allocation_id = a.id), 0) " +
        "OR a.disbursed < 0 OR a.disbursed > a.amount OR a.amount < 0";

    private const string UntracedSql =
        "SELECT d.id AS \"Value\" FROM disbursements d LEFT JOIN fund_allocations a ON a.id = d.fund_allocation_id " +
        "LEFT JOIN disbursements o ON o.id = d.refund_of_id " +
        "WHERE a.id IS NULL OR a.fund_source_id <> d.fund_source_id OR a.project_id <> d.project_id " +
        "OR (d.refund_of_id IS NOT NULL AND (o.id IS NULL OR o.fund_allocation_id <> d.fund_allocation_id))";

    private const string AmountSql =
        "SELECT d.id AS \"Value\" FROM disbursements d WHERE d.amount = 0 OR (d.refund_of_id IS NULL AND d.amount < 0) OR (d.refund_of_id IS NOT NULL AND d.amount > 0)";

    private const string BeforeNoticeSql =
        "SELECT d.id AS \"Value\" FROM disbursements d JOIN projects p ON p.id = d.project_id WHERE d.refund_of_id IS NULL AND " +
        "(p.approved_on IS NULL OR d.paid_on < p.approved_on OR p.notice_ends_on IS NULL OR d.paid_on <= p.notice_ends_on)";

    private const string FinalBeforeAcceptanceSql =
        "SELECT d.id AS \"Value\" FROM disbursements d JOIN projects p ON p.id = d.project_id WHERE d.refund_of_id IS NULL AND d.is_final " +
        "AND (p.accepted_on IS NULL OR d.paid_on < p.accepted_on)";

    private const string OverRefundSql =
        "SELECT o.id AS \"Value\" FROM disbursements o WHERE o.refund_of_id IS NULL AND o.amount + COALESCE((SELECT SUM(r.amount) FROM disbursements r WHERE r.refund_of_id = o.id), 0) < 0";

    private static async Task InvariantsAsync(TuopinDb db, List<Finding> findings, CancellationToken ct)
    {
        foreach (var s in await db.FundSources.AsNoTracking().Where(s => db.Database.SqlQueryRaw<Guid>(SourceTotalSql).Contains(s.Id)).ToListAsync(ct))
        {
            var sum = FundFigures.Sum(await db.FundAllocations.AsNoTracking().Where(a => a.FundSourceId == s.Id).Select(a => a.Amount).ToListAsync(ct));
            findings.Add(new Finding(Invariant, "funds.source_total", new LocalText(
                $"资金来源 {s.DocumentNumber}：已分配 {s.Allocated} 元，分配明细合计 {sum} 元，金额 {s.Amount} 元（已分配须等于明细合计、不为负、不超过金额）",
                $"Source {s.DocumentNumber}: {s.Allocated} yuan allocated, its allocations sum to {sum} yuan, its amount is {s.Amount} yuan (the total must equal the sum, never negative, never over the amount)"),
                s.DocumentNumber, SourceId: s.Id));
        }
        foreach (var a in await db.FundAllocations.AsNoTracking().Where(a => db.Database.SqlQueryRaw<Guid>(AllocationTotalSql).Contains(a.Id)).ToListAsync(ct))
        {
            var sum = FundFigures.Sum(await db.Disbursements.AsNoTracking().Where(d => d.FundAllocationId == a.Id).Select(d => d.Amount).ToListAsync(ct));
            findings.Add(new Finding(Invariant, "funds.allocation_total", new LocalText(
                $"资金分配：已支付 {a.Disbursed} 元，支付明细合计 {sum} 元，分配金额 {a.Amount} 元（已支付须等于明细合计、不为负、不超过分配）",
                $"Allocation: {a.Disbursed} yuan paid, its payments sum to {sum} yuan, the allocation is {a.Amount} yuan (the total must equal the sum, never negative, never over the allocation)"),
                a.DocumentNumber ?? a.Id.ToString(), SourceId: a.FundSourceId, AllocationId: a.Id, ProjectId: a.ProjectId));
        }
        await PaymentsAsync(db, UntracedSql, "funds.untraced", new LocalText("该笔支付与其资金分配的来源或项目不一致，无法追溯到资金来源", "The payment does not match its allocation's source or project: it does not trace to a source"), findings, ct);
        await PaymentsAsync(db, AmountSql, "funds.amount", new LocalText("支付金额须为正数、退回须为负数，且不为零", "A payment is positive, a refund negative, never zero"), findings, ct);
        await PaymentsAsync(db, BeforeNoticeSql, "funds.paid_before_notice", new LocalText("该笔支付早于项目审批或公示期满", "Paid before the project's approval or the end of its notice"), findings, ct);
        await PaymentsAsync(db, FinalBeforeAcceptanceSql, "funds.final_before_acceptance", new LocalText("尾款支付早于项目验收", "Final payment before the project's acceptance"), findings, ct);
        await PaymentsAsync(db, OverRefundSql, "funds.over_refund", new LocalText("退回合计超过原支付金额", "Refunds add up to more than the payment"), findings, ct);
    }

    private static async Task PaymentsAsync(TuopinDb db, string sql, string code, LocalText reason, List<Finding> findings, CancellationToken ct)
    {
        var rows = await db.Disbursements.AsNoTracking().Where(d => db.Database.SqlQueryRaw<Guid>(sql).Contains(d.Id))
            .Join(db.Projects, d => d.ProjectId, p => p.Id, (d, p) => new { d.Id, d.FundSourceId, d.FundAllocationId, d.ProjectId, d.HouseholdId, d.PaidOn, d.Amount, p.Code })
            .OrderBy(d => d.PaidOn).ToListAsync(ct);
        findings.AddRange(rows.Select(d => new Finding(Invariant, code,
            new LocalText($"{reason.Zh}（项目 {d.Code}，{d.PaidOn:yyyy-MM-dd}，{d.Amount} 元）", $"{reason.En} (project {d.Code}, {d.PaidOn:yyyy-MM-dd}, {d.Amount} yuan)"),
            d.Code, d.FundSourceId, d.FundAllocationId, d.ProjectId, d.Id, d.HouseholdId)));
    }

    // ---- Alerts ----

    private static async Task AlertsAsync(TuopinDb db, DateOnly asOf, SpendingSchedule schedule, FundThresholds thresholds, List<Finding> findings, CancellationToken ct)
    {
        var sources = await FundFigures.SourcesAsync(db, null, ct);
        var allocations = await FundFigures.AllocationsAsync(db, null, ct);
        var projects = await db.Projects.AsNoTracking().Select(p => new { p.Id, p.Code, p.Name, p.Budget, p.ApprovedOn, p.StartedOn, p.ClosedOn }).ToListAsync(ct);
        var payments = await db.Disbursements.AsNoTracking()
            .Select(d => new { d.Id, d.FundAllocationId, d.FundSourceId, d.ProjectId, d.PaidOn, d.Amount, d.HouseholdId, d.SubsidyType, d.RefundOfId }).ToListAsync(ct);

        // Spending behind the schedule, per source of a year that has begun, as of the day.
        var spentBySource = payments.Where(p => p.PaidOn <= asOf).GroupBy(p => p.FundSourceId).ToDictionary(g => g.Key, g => FundFigures.Sum(g.Select(p => p.Amount)));
        foreach (var s in sources.Where(s => s.Year <= asOf.Year))
        {
            var target = schedule.TargetOn(s.Year, asOf);
            var spent = spentBySource.GetValueOrDefault(s.Id);
            if (FundRules.BehindSchedule(s.Amount, spent, target))
                findings.Add(new Finding(Alert, "funds.behind_schedule", new LocalText(
                    $"资金来源 {s.DocumentNumber} 截至 {asOf:yyyy-MM-dd} 支出 {spent} 元，进度 {FundRules.PercentOf(spent, s.Amount)}%，低于县定进度 {target}%",
                    $"Source {s.DocumentNumber} has paid out {spent} yuan by {asOf:yyyy-MM-dd}, {FundRules.PercentOf(spent, s.Amount)}%, behind the county's {target}%"),
                    s.DocumentNumber, SourceId: s.Id));
        }

        // Idle balances.
        var lastPaid = payments.Where(p => p.RefundOfId == null && p.PaidOn <= asOf).GroupBy(p => p.FundAllocationId).ToDictionary(g => g.Key, g => g.Max(p => p.PaidOn));
        var projectById = projects.ToDictionary(p => p.Id);
        foreach (var a in allocations.Where(a => a.AllocatedOn <= asOf))
        {
            var left = a.Amount - a.Disbursed;
            var last = lastPaid.TryGetValue(a.Id, out var paid) ? paid : (DateOnly?)null;
            if (!FundRules.IsIdle(left, a.AllocatedOn, last, asOf, thresholds.IdleDays)) continue;
            var since = last is { } l && l > a.AllocatedOn ? l : a.AllocatedOn;
            var code = projectById[a.ProjectId].Code;
            findings.Add(new Finding(Alert, "funds.idle", new LocalText(
                $"项目 {code} 的资金分配余额 {left} 元自 {since:yyyy-MM-dd} 起 {asOf.DayNumber - since.DayNumber} 天未支付（超过 {thresholds.IdleDays} 天）",
                $"Project {code}: {left} yuan of its allocation unpaid for {asOf.DayNumber - since.DayNumber} days since {since:yyyy-MM-dd} (more than {thresholds.IdleDays})"),
                code, a.SourceId, a.Id, a.ProjectId));
        }

        // Approved projects not started.
        foreach (var p in projects.Where(p => p.ClosedOn == null && FundRules.NotStarted(p.ApprovedOn, p.StartedOn, asOf, thresholds.NotStartedDays)).OrderBy(p => p.Code))
            findings.Add(new Finding(Alert, "funds.not_started", new LocalText(
                $"项目 {p.Code} 于 {p.ApprovedOn:yyyy-MM-dd} 批复，{asOf.DayNumber - p.ApprovedOn!.Value.DayNumber} 天仍未开工（超过 {thresholds.NotStartedDays} 天）",
                $"Project {p.Code} was approved on {p.ApprovedOn:yyyy-MM-dd} and has not started after {asOf.DayNumber - p.ApprovedOn!.Value.DayNumber} days (more than {thresholds.NotStartedDays})"),
                p.Code, ProjectId: p.Id));

        // Budget overruns.
        foreach (var g in allocations.GroupBy(a => a.ProjectId))
        {
            var p = projectById[g.Key];
            foreach (var reason in FundRules.BudgetOverrun(p.Budget, FundFigures.Sum(g.Select(a => a.Amount)), FundFigures.Sum(g.Select(a => a.Disbursed))))
                findings.Add(new Finding(Alert, "funds.over_budget", new LocalText($"项目 {p.Code}：{reason.Zh}", $"Project {p.Code}: {reason.En}"), p.Code, ProjectId: p.Id));
        }

        // Household benefits: to a household not poor or outside the project's villages; the same household paid twice.
        var household = payments.Where(p => p.HouseholdId != null).ToList();
        if (household.Count == 0) return;
        var refunded = household.Where(p => p.RefundOfId != null).GroupBy(p => p.RefundOfId!.Value).ToDictionary(g => g.Key, g => FundFigures.Sum(g.Select(p => p.Amount)));
        var paidOut = household.Where(p => p.RefundOfId == null).Select(p => new { p.Id, p.FundSourceId, p.FundAllocationId, p.ProjectId, HouseholdId = p.HouseholdId!.Value, p.PaidOn, p.SubsidyType, Net = p.Amount + refunded.GetValueOrDefault(p.Id) }).ToList();
        var ids = paidOut.Select(p => p.HouseholdId).Distinct().ToList();
        var households = await db.Households.IgnoreQueryFilters().AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.Number, h.VillageId, h.Status }).ToDictionaryAsync(h => h.Id, ct);
        var villagesOf = (await db.ProjectVillages.AsNoTracking().Select(v => new { v.ProjectId, v.VillageId }).ToListAsync(ct)).ToLookup(v => v.ProjectId, v => v.VillageId);
        foreach (var p in paidOut.Where(p => p.Net.Fen > 0).OrderBy(p => p.PaidOn))
        {
            var h = households[p.HouseholdId];
            var project = projectById[p.ProjectId];
            foreach (var (_, code, reason) in FundRules.HouseholdPaymentProblems(h.Status, villagesOf[p.ProjectId].Contains(h.VillageId)))
                findings.Add(new Finding(Alert, code,
                    new LocalText($"{reason.Zh}（户 {h.Number}，项目 {project.Code}，{p.PaidOn:yyyy-MM-dd}，{p.Net} 元）", $"{reason.En} (household {h.Number}, project {project.Code}, {p.PaidOn:yyyy-MM-dd}, {p.Net} yuan)"),
                    h.Number, p.FundSourceId, p.FundAllocationId, p.ProjectId, p.Id, p.HouseholdId));
        }
        foreach (var g in paidOut.Where(p => p.SubsidyType != null).GroupBy(p => (p.HouseholdId, p.SubsidyType, p.PaidOn.Year)).Where(g => FundRules.PaidTwice(g.Select(p => p.Net))))
        {
            var h = households[g.Key.HouseholdId];
            var twice = g.Where(p => p.Net.Fen > 0).OrderBy(p => p.PaidOn).ToList();
            foreach (var p in twice)
                findings.Add(new Finding(Alert, "funds.paid_twice", new LocalText(
                    $"户 {h.Number} {g.Key.Year} 年重复领取{g.Key.SubsidyType} {twice.Count} 次（本笔 {p.PaidOn:yyyy-MM-dd}，{p.Net} 元，项目 {projectById[p.ProjectId].Code}）",
                    $"Household {h.Number} was paid {g.Key.SubsidyType} {twice.Count} times in {g.Key.Year} (this one {p.PaidOn:yyyy-MM-dd}, {p.Net} yuan, project {projectById[p.ProjectId].Code})"),
                    h.Number, p.FundSourceId, p.FundAllocationId, p.ProjectId, p.Id, p.HouseholdId));
        }
    }
}
