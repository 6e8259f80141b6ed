using Tuopin.Application.Storage;

namespace Tuopin.Application.Credit;

/// <summary>The county's limits on one micro-loan, for every user (the form shows them).</summary>
public sealed class GetCreditLimits(Database database)
{
    public async Task<SetCreditLimits.Limits> HandleAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var limits = await CreditAccess.LimitsAsync(db, ct);
        return new SetCreditLimits.Limits(limits.MaxAmount.Yuan, limits.MaxTermMonths);
    }
}
