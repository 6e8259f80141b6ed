using System.Globalization;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Domain.Funds;

/// <summary>What the ledger needs to know of a project to let money reach it: its approval, its notice, an open objection, its acceptance, its closing.</summary>
public sealed record ProjectFunding(DateOnly? ApprovedOn, DateOnly? NoticeEndsOn, bool HeldByObjection, DateOnly? AcceptedOn, DateOnly? ClosedOn = null)
{
    public static ProjectFunding Of(Project p) => new(p.ApprovedOn, p.NoticeEndsOn, p.HeldByObjection, p.AcceptedOn, p.ClosedOn);
}

/// <summary>
/// The county's spending schedule (支出进度): cumulative percent of a year's sources to be paid out by the end of given
/// months, e.g. <c>3:25,6:50,9:75,12:100</c>. A county setting; the default is the quarterly one.
/// </summary>
public sealed record SpendingSchedule(IReadOnlyList<(int Month, int Percent)> Targets)
{
    public const string Key = "funds.schedule";

    public static readonly SpendingSchedule Default = new([(3, 25), (6, 50), (9, 75), (12, 100)]);

    /// <summary>The schedule a setting's text names, or null when the text is not a rising list of month:percent pairs.</summary>
    public static SpendingSchedule? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var targets = new List<(int, int)>();
        foreach (var part in text.Split([',', '，', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split([':', '：']);
            if (pair.Length != 2
                || !int.TryParse(pair[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                || !int.TryParse(pair[1].Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
                || month is < 1 or > 12 || percent is < 0 or > 100)
                return null;
            if (targets.Count > 0 && (month <= targets[^1].Item1 || percent < targets[^1].Item2)) return null;
            targets.Add((month, percent));
        }
        return targets.Count == 0 ? null : new SpendingSchedule(targets);
    }

    public override string ToString() => string.Join(",", Targets.Select(t => $"{t.Month}:{t.Percent}"));

    /// <summary>
    /// The percent a source of <paramref name="year"/> should have paid out by <paramref name="asOf"/>: the target of the
    /// last month of the schedule that has fully passed (0 before the first); 100 for a year that has ended when the
    /// schedule reaches 100, the last target otherwise.
    /// </summary>
    public int TargetOn(int year, DateOnly asOf)
    {
        if (asOf.Year < year) return 0;
        if (asOf.Year > year) return Targets[^1].Percent;
        var target = 0;
        foreach (var (month, percent) in Targets)
            if (asOf >= new DateOnly(year, month, 1).AddMonths(1)) target = percent;
        return target;
    }
}

/// <summary>The county's alert thresholds: days an allocation may sit unpaid, days an approved project may wait to start.</summary>
public sealed record FundThresholds(int IdleDays, int NotStartedDays)
{
    public const string IdleDaysKey = "funds.idle_days";

    public const string NotStartedDaysKey = "funds.not_started_days";

    public static readonly FundThresholds Default = new(90, 90);
}

/// <summary>
/// The pure rules of the fund ledger: each invariant with the reason it gives when broken, and each alert as a function
/// of the figures. The use cases check them before saving; the database's check constraints are the last line.
/// </summary>
public static class FundRules
{
    /// <summary>A positive amount in whole fen (yuan with at most two decimals), or the problem.</summary>
    public static Problem? CheckAmount(decimal yuan, string field = "amount")
    {
        if (yuan <= 0)
            return new Problem(field, "funds.amount", new LocalText($"金额须大于0，填写的是 {yuan}", $"The amount must be more than zero: {yuan}"));
        if (yuan != decimal.Round(yuan, 2) || yuan > 100_000_000_000m)
            return new Problem(field, "funds.amount", new LocalText($"金额须为整分（最多两位小数），填写的是 {yuan}", $"The amount must be whole fen (at most two decimals): {yuan}"));
        return null;
    }

    /// <summary>
    /// The bank card (一卡通) a household payment went to, as the ledger keeps it: the bank and the card's last four digits
    /// (银行卡尾号) — enough to match the bank's return file, never the whole number, which is not stored anywhere. The card is
    /// given whole (12 to 19 digits, spaces and dashes allowed) or as its last four digits; the bank and the card go together;
    /// a contractor is not paid through a household's card. Both empty is no card (a payment recorded without one).
    /// </summary>
    public static (string? Bank, string? Tail, Problem? Fault) BankCard(string? bank, string? card, bool toHousehold, string field = "bankCard")
    {
        bank = string.IsNullOrWhiteSpace(bank) ? null : bank.Trim();
        var digits = string.IsNullOrWhiteSpace(card) ? null : new string(card.Where(c => c is not (' ' or '-')).ToArray());
        if (bank is null && digits is null) return (null, null, null);
        if (!toHousehold)
            return (null, null, new Problem(field, "funds.card_contractor", new LocalText("一卡通只用于发放到户的补贴，付给施工单位的款项不填写开户银行和卡号", "The bank card (一卡通) is for household payments: a payment to a contractor gives no bank or card")));
        if (bank is null || digits is null)
            return (null, null, new Problem(field, "funds.card_pair", new LocalText("开户银行和一卡通卡号须同时填写", "Give the bank and the card number together")));
        if (bank.Length > 30)
            return (null, null, new Problem(field, "funds.card_bank", new LocalText("开户银行不能超过30个字", "The bank has at most 30 characters")));
        if (!digits.All(char.IsAsciiDigit) || digits.Length is not (4 or (>= 12 and <= 19)))
            return (null, null, new Problem(field, "funds.card_number", new LocalText("一卡通卡号须为12至19位数字（或卡号后4位）", "The card number is 12 to 19 digits (or its last 4)")));
        return (bank, digits[^4..], null);
    }

    /// <summary>How a card is shown: the bank and 尾号 with the last four digits, or nothing.</summary>
    public static string? ShowCard(string? bank, string? tail) => bank is null || tail is null ? null : $"{bank} 尾号{tail}";

    /// <summary>A source's unallocated balance: its amount less what it allocated.</summary>
    public static Money Unallocated(Money amount, Money allocated) => amount - allocated;

    /// <summary>An allocation never exceeds its source's unallocated balance.</summary>
    public static Problem? CheckAllocation(Money amount, Money sourceAmount, Money sourceAllocated, string documentNumber)
    {
        var free = Unallocated(sourceAmount, sourceAllocated);
        return amount > free
            ? new Problem("amount", "funds.over_source", new LocalText(
                $"分配金额 {amount} 元超过资金来源 {documentNumber} 的未分配余额 {free} 元", $"The allocation of {amount} yuan is more than the {free} yuan of source {documentNumber} not yet allocated"))
            : null;
    }

    /// <summary>An allocation lowered (by a reallocation) never below what was already paid from it.</summary>
    public static Problem? CheckLowering(Money by, Money allocationAmount, Money allocationDisbursed)
    {
        var free = allocationAmount - allocationDisbursed;
        return by > free
            ? new Problem("amount", "funds.below_disbursed", new LocalText(
                $"调减金额 {by} 元超过该笔分配的未支付余额 {free} 元（已支付的不能调走）", $"Lowering by {by} yuan is more than the {free} yuan of the allocation not yet paid (what was paid cannot be moved)"))
            : null;
    }

    /// <summary>
    /// A payment from an allocation: never more than its undisbursed balance; never before the project's approval, nor
    /// on or before the last day of its notice, nor while an objection holds it, nor once the project is closed; a final
    /// payment (尾款) never before the project's acceptance.
    /// </summary>
    public static List<Problem> CheckDisbursement(Money amount, Money allocationAmount, Money allocationDisbursed, ProjectFunding project, DateOnly paidOn, bool isFinal)
    {
        var problems = new List<Problem>();
        var free = allocationAmount - allocationDisbursed;
        if (amount > free)
            problems.Add(new Problem("amount", "funds.over_allocation", new LocalText(
                $"支付金额 {amount} 元超过该项目资金分配的未支付余额 {free} 元", $"The payment of {amount} yuan is more than the {free} yuan of the project's allocation not yet paid")));
        if (project.ApprovedOn is not { } approved || paidOn < approved)
            problems.Add(new Problem("paidOn", "funds.not_approved", project.ApprovedOn is null
                ? new LocalText("项目尚未审批，不能支付资金", "The project is not approved: no payment yet")
                : new LocalText($"支付日期 {paidOn:yyyy-MM-dd} 早于项目审批日期 {project.ApprovedOn:yyyy-MM-dd}", $"Paid on {paidOn:yyyy-MM-dd}, before the project was approved on {project.ApprovedOn:yyyy-MM-dd}")));
        else if (project.NoticeEndsOn is not { } noticeEnds)
            problems.Add(new Problem("paidOn", "funds.notice_not_ended", new LocalText("项目尚未公示，公示期满前不能支付资金", "The project's notice has not been published: no payment before it ends")));
        else if (paidOn <= noticeEnds)
            problems.Add(new Problem("paidOn", "funds.notice_not_ended", new LocalText(
                $"项目公示期至 {noticeEnds:yyyy-MM-dd}，{paidOn:yyyy-MM-dd} 尚未期满，不能支付", $"The project's notice runs to {noticeEnds:yyyy-MM-dd}: no payment on {paidOn:yyyy-MM-dd}")));
        if (project.HeldByObjection)
            problems.Add(new Problem("projectId", "funds.held", new LocalText("项目公示有异议尚未处理，暂停支付", "An objection to the project's notice is open: payments are held")));
        // A closed project (销号) has settled its accounts: what is still owed is paid before it is closed, or it is reopened by a new project.
        if (project.ClosedOn is { } closed)
            problems.Add(new Problem("projectId", "funds.closed", new LocalText(
                $"项目已于 {closed:yyyy-MM-dd} 销号，不能再支付资金", $"The project was closed on {closed:yyyy-MM-dd}: no more payments")));
        if (isFinal && (project.AcceptedOn is not { } accepted || paidOn < accepted))
            problems.Add(new Problem("isFinal", "funds.not_accepted", project.AcceptedOn is null
                ? new LocalText("项目尚未验收，不能支付尾款", "The project is not accepted: no final payment yet")
                : new LocalText($"尾款支付日期 {paidOn:yyyy-MM-dd} 早于验收日期 {project.AcceptedOn:yyyy-MM-dd}", $"Final payment on {paidOn:yyyy-MM-dd}, before acceptance on {project.AcceptedOn:yyyy-MM-dd}")));
        return problems;
    }

    /// <summary>A refund never more than what is left of the payment it refunds (its amount less earlier refunds), and never before it.</summary>
    public static List<Problem> CheckRefund(Money amount, Money paid, Money refundedBefore, DateOnly paidOn, DateOnly refundedOn)
    {
        var problems = new List<Problem>();
        var left = paid - refundedBefore;
        if (amount > left)
            problems.Add(new Problem("amount", "funds.over_refund", new LocalText(
                $"退回金额 {amount} 元超过原支付可退余额 {left} 元", $"The refund of {amount} yuan is more than the {left} yuan left of the payment")));
        if (refundedOn < paidOn)
            problems.Add(new Problem("refundedOn", "funds.refund_date", new LocalText(
                $"退回日期 {refundedOn:yyyy-MM-dd} 早于原支付日期 {paidOn:yyyy-MM-dd}", $"Refunded on {refundedOn:yyyy-MM-dd}, before the payment on {paidOn:yyyy-MM-dd}")));
        return problems;
    }

    // ---- Alerts ----

    /// <summary>Spending behind the schedule: paid out less than the target percent of the amount (exactly on target is not behind).</summary>
    public static bool BehindSchedule(Money amount, Money spent, int targetPercent) =>
        amount.Fen > 0 && (decimal)spent.Fen * 100m < (decimal)amount.Fen * targetPercent;

    /// <summary>Percent paid out, to one decimal.</summary>
    public static decimal PercentOf(Money part, Money whole) =>
        whole.Fen == 0 ? 0m : Math.Round(part.Fen * 100m / whole.Fen, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// An idle balance: an allocation with money unpaid whose last movement (its allocation, or its last payment) is more
    /// than <paramref name="days"/> days before <paramref name="asOf"/>.
    /// </summary>
    public static bool IsIdle(Money undisbursed, DateOnly allocatedOn, DateOnly? lastPaidOn, DateOnly asOf, int days)
    {
        if (undisbursed.Fen <= 0) return false;
        var last = lastPaidOn is { } paid && paid > allocatedOn ? paid : allocatedOn;
        return asOf.DayNumber - last.DayNumber > days;
    }

    /// <summary>An approved project not started more than <paramref name="days"/> days after its approval.</summary>
    public static bool NotStarted(DateOnly? approvedOn, DateOnly? startedOn, DateOnly asOf, int days) =>
        approvedOn is { } approved && startedOn is null && asOf.DayNumber - approved.DayNumber > days;

    /// <summary>Budget overrun: allocated or paid beyond the project's budget (reasons, empty when within it).</summary>
    public static List<LocalText> BudgetOverrun(Money budget, Money allocated, Money disbursed)
    {
        var reasons = new List<LocalText>();
        if (allocated > budget)
            reasons.Add(new LocalText($"分配资金 {allocated} 元超过项目预算 {budget} 元", $"{allocated} yuan allocated, more than the budget of {budget} yuan"));
        if (disbursed > budget)
            reasons.Add(new LocalText($"已支付 {disbursed} 元超过项目预算 {budget} 元", $"{disbursed} yuan paid, more than the budget of {budget} yuan"));
        return reasons;
    }

    /// <summary>
    /// A household benefit paid where it should not be: to a household not poor (cleared from the registry, 清退; an exited
    /// household keeps its benefits, 脱贫不脱政策), or outside the project's villages.
    /// </summary>
    public static List<Problem> HouseholdPaymentProblems(Registry.HouseholdStatus status, bool inProjectVillages)
    {
        var reasons = new List<Problem>();
        if (status == Registry.HouseholdStatus.Removed)
            reasons.Add(new Problem("householdId", "funds.not_poor", new LocalText("收款户已清退，不是建档立卡贫困户", "The household paid was removed from the registry: it is not poor")));
        if (!inProjectVillages)
            reasons.Add(new Problem("householdId", "funds.outside_villages", new LocalText("收款户不在项目实施村", "The household paid is not in the project's villages")));
        return reasons;
    }

    /// <summary>The same household paid more than once for the same subsidy type in a year (payments net of their refunds; fully refunded ones do not count).</summary>
    public static bool PaidTwice(IEnumerable<Money> netPayments) => netPayments.Count(p => p.Fen > 0) > 1;
}
