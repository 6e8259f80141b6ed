using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>The county administrator records a deposit into the guarantee fund (风险补偿金注入), with its source document.</summary>
public sealed class DepositGuaranteeFund(Database database)
{
    public sealed record Request(DateOnly DepositedOn, decimal Amount, string Source, string? Reason = null);

    public async Task<Guid> HandleAsync(Request request, CancellationToken ct = default)
    {
        CreditAccess.RequireFundManager(database.Actor);
        var problems = new List<Problem>();
        if (request.Amount <= 0 || request.Amount != decimal.Round(request.Amount, 2) || request.Amount > 10_000_000_000m)
            problems.Add(new Problem("amount", "credit.deposit", new LocalText($"注入金额须大于0，最多两位小数，填写的是 {request.Amount}", $"The deposit must be more than zero with at most two decimals: {request.Amount}")));
        if (string.IsNullOrWhiteSpace(request.Source) || request.Source.Trim().Length > 200)
            problems.Add(new Problem("source", "credit.deposit_source", new LocalText("请填写资金来源文件（不超过200个字）", "Give the source document (at most 200 characters)")));
        if (request.DepositedOn.Year is < WorkYear.FirstYear or > 2100)
            problems.Add(new Problem("depositedOn", "credit.deposit_date", new LocalText($"注入日期须在 {WorkYear.FirstYear} 年以后", $"The deposit must be in {WorkYear.FirstYear} or later")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        await using var db = database.Open();
        var deposit = new GuaranteeFundDeposit
        {
            Id = Guid.CreateVersion7(), CountyId = await CreditAccess.CountyIdAsync(db, database.Actor, ct), DepositedOn = request.DepositedOn,
            Amount = Money.FromYuan(request.Amount), Source = request.Source.Trim(), RecordedBy = database.Actor.UserName, RecordedAt = database.Clock.GetUtcNow().UtcDateTime,
        };
        db.GuaranteeFundDeposits.Add(deposit);
        db.ChangeReason = request.Reason;
        await db.SaveChangesAsync(ct);
        return deposit.Id;
    }
}
