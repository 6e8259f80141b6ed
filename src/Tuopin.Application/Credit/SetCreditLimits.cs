using System.Globalization;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>
/// The county's limits on one micro-loan (单户贷款上限、最长期限), set by the county administrator as settings (audited, with
/// the reason); a limit left out keeps its value. Loans already made are not re-checked.
/// </summary>
public sealed class SetCreditLimits(Database database)
{
    public sealed record Limits(decimal MaxAmount, int MaxTermMonths);

    public async Task<Limits> HandleAsync(decimal? maxAmount, int? maxTermMonths, string? reason = null, CancellationToken ct = default)
    {
        CreditAccess.RequireFundManager(database.Actor);
        var problems = new List<Problem>();
        if (maxAmount is { } a && (a <= 0 || a > 1_000_000m || a != decimal.Round(a, 2)))
            problems.Add(new Problem("maxAmount", "credit.limit", new LocalText($"单户贷款上限须在0至1,000,000元之间，最多两位小数，填写的是 {a}", $"The amount limit must be over 0 and at most 1,000,000 yuan with two decimals: {a}")));
        if (maxTermMonths is { } m && m is <= 0 or > 120)
            problems.Add(new Problem("maxTermMonths", "credit.limit", new LocalText($"最长期限须在1至120个月之间，填写的是 {m}", $"The term limit must be 1 to 120 months: {m}")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        await using var db = database.Open();
        if (maxAmount is { } amount) await StoredSettings.PutAsync(db, CreditLimits.MaxAmountKey, amount.ToString("0.##", CultureInfo.InvariantCulture), ct);
        if (maxTermMonths is { } term) await StoredSettings.PutAsync(db, CreditLimits.MaxTermKey, term.ToString(CultureInfo.InvariantCulture), ct);
        db.ChangeReason = reason;
        await db.SaveChangesAsync(ct);
        var limits = await CreditAccess.LimitsAsync(db, ct);
        return new Limits(limits.MaxAmount.Yuan, limits.MaxTermMonths);
    }
}
