using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// Checks the whole ledger (资金核查): every invariant recomputed from the rows with set-based queries — the running totals
/// equal the sums, nothing negative or over, every payment traces to its allocation's source and project, none before
/// approval and the end of the notice, none after the project's closing, no final payment before acceptance, no refund more than its payment — and every
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

    private const string AfterClosingSql =
        "SELECT d.id AS \"Value\" FROM disbursements d JOIN projects p ON p.id = d.project_id WHERE d.refund_of_id IS NULL AND p.closed_on IS NOT NULL AND d.paid_on > p.closed_on";

    private const string OverRefundSql =
        "SELECT o.id AS \"Value\" FROM disbursements o WHERE o.refund_of_id IS NULL AND o.amount + COALESCE((SELECT SUM(r.amount) FROM disbursements r WHERE r.refund_of_id = o.id), 0) < 0";

    private static async Task InvariantsAsync(TuopinDb db, List<Finding> findings, CancellationToken ct)
    {
        // The ids first, then their rows (in place of a raw query composed into EF's, id IN (…)); normally none.
        var sourceIds = await db.Database.SqlQueryRaw<Guid>(SourceTotalSql).ToListAsync(ct);
        foreach (var s in sourceIds.Count == 0 ? [] : await db.FundSources.AsNoTracking().Where(s => sourceIds.Contains(s.Id)).ToListAsync(ct))
        {
            var sum = FundFigures.Sum(await db.FundAllocations.AsNoTracking().Where(a => a.FundSourceId == s.Id).Select(a => a.Amount).ToListAsync(ct));
            findings.Add(new Finding(Invariant, "funds.source_total", new LocalText(
                $"资金来源 {s.DocumentNumber}：已分配 {s.Allocated} 元，分配明细合计 {sum} 元，金额 {s.Amount} 元（已分配须等于明细合计、不为负、不超过金额）",
                $"Source {s.DocumentNumber}: {s.Allocated} yuan allocated, its allocations sum to {sum} yuan, its amount is {s.Amount} yuan (the total must equal the sum, never negative, never over the amount)"),
                s.DocumentNumber, SourceId: s.Id));
        }
        var allocationIds = await db.Database.SqlQueryRaw<Guid>(AllocationTotalSql).ToListAsync(ct);
        foreach (var a in allocationIds.Count == 0 ? [] : await db.FundAllocations.AsNoTracking().Where(a => allocationIds.Contains(a.Id)).ToListAsync(ct))
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
        await PaymentsAsync(db, AfterClosingSql, "funds.paid_after_closing", new LocalText("该笔支付晚于项目销号", "Paid after the project was closed"), findings, ct);
        await PaymentsAsync(db, OverRefundSql, "funds.over_refund", new LocalText("退回合计超过原支付金额", "Refunds add up to more than the payment"), findings, ct);
    }

    private static async Task PaymentsAsync(TuopinDb db, string sql, string code, LocalText reason, List<Finding> findings, CancellationToken ct)
    {
        var ids = await db.Database.SqlQueryRaw<Guid>(sql).ToListAsync(ct);
        if (ids.Count == 0) return;
        var rows = await db.Disbursements.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Join(db.Projects, d => d.ProjectId, p => p.Id, (d, p) => new { d.Id, d.FundSourceId, d.FundAllocationId, d.ProjectId, d.HouseholdId, d.PaidOn, d.Amount, p.Code })
            .OrderBy(d => d.PaidOn).ToListAsync(ct);
        findings.AddRange(rows.Select(d => new Finding(Invariant, code,
            new LocalText($"{reason.Zh}（项目 {d.Code}，{d.PaidOn:yyyy-MM-dd}，{d.Amount} 元）", $"{reason.En} (project {d.Code}, {d.PaidOn:yyyy-MM-dd}, {d.Amount} yuan)"),
            d.Code, d.FundSourceId, d.FundAllocationId, d.ProjectId, d.Id, d.HouseholdId)));
    }

    // ---- Alerts: the figures summed and joined in the database (a handful of rows per source, allocation or project, one
    // per household payment), the rules of FundRules applied to them here. ----

    /// <summary>A source with what it paid out by the day (net of refunds).</summary>
    internal sealed class SourceSpent
    {
        public Guid Id { get; set; }
        public string DocumentNumber { get; set; } = "";
        public int Year { get; set; }
        public long Amount { get; set; }
        public long Spent { get; set; }
    }

    /// <summary>An allocation with its project's code and its last payment by the day.</summary>
    internal sealed class AllocationMovement
    {
        public Guid Id { get; set; }
        public Guid SourceId { get; set; }
        public Guid ProjectId { get; set; }
        public string Code { get; set; } = "";
        public DateOnly AllocatedOn { get; set; }
        public long Amount { get; set; }
        public long Disbursed { get; set; }
        public DateOnly? LastPaidOn { get; set; }
    }

    /// <summary>A project with what was allocated to it and paid from it.</summary>
    internal sealed class ProjectMoney
    {
        public Guid Id { get; set; }
        public string Code { get; set; } = "";
        public long Budget { get; set; }
        public long Allocated { get; set; }
        public long Disbursed { get; set; }
    }

    /// <summary>A household payment net of its refunds, with the household's status and whether it lies in the project's villages.</summary>
    internal sealed class HouseholdPayment
    {
        public Guid Id { get; set; }
        public Guid SourceId { get; set; }
        public Guid AllocationId { get; set; }
        public Guid ProjectId { get; set; }
        public string ProjectCode { get; set; } = "";
        public Guid HouseholdId { get; set; }
        public string Number { get; set; } = "";
        public int Status { get; set; }
        public bool InProjectVillages { get; set; }
        public DateOnly PaidOn { get; set; }
        public string? SubsidyType { get; set; }
        public long Net { get; set; }
    }

    private static async Task AlertsAsync(TuopinDb db, DateOnly asOf, SpendingSchedule schedule, FundThresholds thresholds, List<Finding> findings, CancellationToken ct)
    {
        // Spending behind the schedule, per source of a year that has begun, as of the day.
        var sources = await db.Database.SqlQuery<SourceSpent>($"""
            SELECT s.id AS id, s.document_number AS document_number, s.year AS year, s.amount AS amount,
                   CAST(COALESCE((SELECT SUM(d.amount) FROM disbursements d WHERE d.fund_source_id = s.id AND d.paid_on <= {asOf}), 0) AS bigint) AS spent
            FROM fund_sources s WHERE s.year <= {asOf.Year} ORDER BY s.year, s.document_number
            """).ToListAsync(ct);
        foreach (var s in sources)
        {
            var (amount, spent, target) = (new Money(s.Amount), new Money(s.Spent), schedule.TargetOn(s.Year, asOf));
            if (FundRules.BehindSchedule(amount, spent, target))
                findings.Add(new Finding(Alert, "funds.behind_schedule", new LocalText(
                    $"资金来源 {s.DocumentNumber} 截至 {asOf:yyyy-MM-dd} 支出 {spent} 元，进度 {FundRules.PercentOf(spent, amount)}%，低于县定进度 {target}%",
                    $"Source {s.DocumentNumber} has paid out {spent} yuan by {asOf:yyyy-MM-dd}, {FundRules.PercentOf(spent, amount)}%, behind the county's {target}%"),
                    s.DocumentNumber, SourceId: s.Id));
        }

        // Idle balances.
        var allocations = await db.Database.SqlQuery<AllocationMovement>($"""
            SELECT a.id AS id, a.fund_source_id AS source_id, a.project_id AS project_id, p.code AS code, a.allocated_on AS allocated_on, a.amount AS amount, a.disbursed AS disbursed,
                   (SELECT MAX(d.paid_on) FROM disbursements d WHERE d.fund_allocation_id = a.id AND d.refund_of_id IS NULL AND d.paid_on <= {asOf}) AS last_paid_on
            FROM fund_allocations a JOIN projects p ON p.id = a.project_id WHERE a.allocated_on <= {asOf} ORDER BY p.code, a.allocated_on
            """).ToListAsync(ct);
        foreach (var a in allocations)
        {
            var left = new Money(a.Amount) - new Money(a.Disbursed);
            if (!FundRules.IsIdle(left, a.AllocatedOn, a.LastPaidOn, asOf, thresholds.IdleDays)) continue;
            var since = a.LastPaidOn is { } l && l > a.AllocatedOn ? l : a.AllocatedOn;
            findings.Add(new Finding(Alert, "funds.idle", new LocalText(
                $"项目 {a.Code} 的资金分配余额 {left} 元自 {since:yyyy-MM-dd} 起 {asOf.DayNumber - since.DayNumber} 天未支付（超过 {thresholds.IdleDays} 天）",
                $"Project {a.Code}: {left} yuan of its allocation unpaid for {asOf.DayNumber - since.DayNumber} days since {since:yyyy-MM-dd} (more than {thresholds.IdleDays})"),
                a.Code, a.SourceId, a.Id, a.ProjectId));
        }

        // Approved projects not started.
        var projects = await db.Projects.AsNoTracking().Where(p => p.ClosedOn == null).Select(p => new { p.Id, p.Code, p.ApprovedOn, p.StartedOn }).ToListAsync(ct);
        foreach (var p in projects.Where(p => FundRules.NotStarted(p.ApprovedOn, p.StartedOn, asOf, thresholds.NotStartedDays)).OrderBy(p => p.Code, StringComparer.Ordinal))
            findings.Add(new Finding(Alert, "funds.not_started", new LocalText(
                $"项目 {p.Code} 于 {p.ApprovedOn:yyyy-MM-dd} 批复，{asOf.DayNumber - p.ApprovedOn!.Value.DayNumber} 天仍未开工（超过 {thresholds.NotStartedDays} 天）",
                $"Project {p.Code} was approved on {p.ApprovedOn:yyyy-MM-dd} and has not started after {asOf.DayNumber - p.ApprovedOn!.Value.DayNumber} days (more than {thresholds.NotStartedDays})"),
                p.Code, ProjectId: p.Id));

        // Budget overruns.
        var money = await db.Database.SqlQuery<ProjectMoney>($"""
            SELECT p.id AS id, p.code AS code, p.budget AS budget, CAST(SUM(a.amount) AS bigint) AS allocated, CAST(SUM(a.disbursed) AS bigint) AS disbursed
            FROM fund_allocations a JOIN projects p ON p.id = a.project_id GROUP BY p.id, p.code, p.budget ORDER BY p.code
            """).ToListAsync(ct);
        foreach (var p in money)
            foreach (var reason in FundRules.BudgetOverrun(new Money(p.Budget), new Money(p.Allocated), new Money(p.Disbursed)))
                findings.Add(new Finding(Alert, "funds.over_budget", new LocalText($"项目 {p.Code}：{reason.Zh}", $"Project {p.Code}: {reason.En}"), p.Code, ProjectId: p.Id));

        // Household benefits: to a household not poor or outside the project's villages; the same household paid twice.
        var paidOut = await db.Database.SqlQuery<HouseholdPayment>($"""
            SELECT d.id AS id, d.fund_source_id AS source_id, d.fund_allocation_id AS allocation_id, d.project_id AS project_id, p.code AS project_code,
                   d.household_id AS household_id, h.number AS number, h.status AS status,
                   EXISTS (SELECT 1 FROM project_villages pv WHERE pv.project_id = d.project_id AND pv.village_id = h.village_id) AS in_project_villages,
                   d.paid_on AS paid_on, d.subsidy_type AS subsidy_type,
                   CAST(d.amount + COALESCE((SELECT SUM(r.amount) FROM disbursements r WHERE r.refund_of_id = d.id), 0) AS bigint) AS net
            FROM disbursements d JOIN households h ON h.id = d.household_id JOIN projects p ON p.id = d.project_id
            WHERE d.refund_of_id IS NULL
            """).ToListAsync(ct);
        foreach (var p in paidOut.Where(p => p.Net > 0).OrderBy(p => p.PaidOn))
        {
            var net = new Money(p.Net);
            foreach (var (_, code, reason) in FundRules.HouseholdPaymentProblems((Domain.Registry.HouseholdStatus)p.Status, p.InProjectVillages))
                findings.Add(new Finding(Alert, code,
                    new LocalText($"{reason.Zh}（户 {p.Number}，项目 {p.ProjectCode}，{p.PaidOn:yyyy-MM-dd}，{net} 元）", $"{reason.En} (household {p.Number}, project {p.ProjectCode}, {p.PaidOn:yyyy-MM-dd}, {net} yuan)"),
                    p.Number, p.SourceId, p.AllocationId, p.ProjectId, p.Id, p.HouseholdId));
        }
        foreach (var g in paidOut.Where(p => p.SubsidyType != null).GroupBy(p => (p.HouseholdId, p.SubsidyType, p.PaidOn.Year)).Where(g => FundRules.PaidTwice(g.Select(p => new Money(p.Net)))))
        {
            var twice = g.Where(p => p.Net > 0).OrderBy(p => p.PaidOn).ToList();
            foreach (var p in twice)
                findings.Add(new Finding(Alert, "funds.paid_twice", new LocalText(
                    $"户 {p.Number} {g.Key.Year} 年重复领取{g.Key.SubsidyType} {twice.Count} 次（本笔 {p.PaidOn:yyyy-MM-dd}，{new Money(p.Net)} 元，项目 {p.ProjectCode}）",
                    $"Household {p.Number} was paid {g.Key.SubsidyType} {twice.Count} times in {g.Key.Year} (this one {p.PaidOn:yyyy-MM-dd}, {new Money(p.Net)} yuan, project {p.ProjectCode})"),
                    p.Number, p.SourceId, p.AllocationId, p.ProjectId, p.Id, p.HouseholdId));
        }
    }
}
