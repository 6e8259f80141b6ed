using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>The county registers a fund it received (资金来源): level, issuing department, document number (unique), year, amount and integration category.</summary>
public sealed class RegisterFundSource(Database database)
{
    public sealed record Request(FundLevel Level, string IssuingDepartment, string DocumentNumber, int Year, DateOnly ReceivedOn, decimal Amount, IntegrationCategory Category, string? Reason = null);

    public sealed record Saved(Guid Id, int Version);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        FundsAccess.RequireManager(database.Actor);
        await using var db = database.Open();
        var countyId = await FundsAccess.CountyIdAsync(db, database.Actor, ct);
        var problems = new List<Problem>();
        if (!Enum.IsDefined(request.Level))
            problems.Add(new Problem("level", "funds.level", new LocalText("资金级次须为中央、省、州或县级", "The level must be central, province, prefecture or county")));
        if (!Enum.IsDefined(request.Category))
            problems.Add(new Problem("category", "funds.category", new LocalText("整合类别须为七类之一", "The category must be one of the seven")));
        if (string.IsNullOrWhiteSpace(request.IssuingDepartment) || request.IssuingDepartment.Trim().Length > 100)
            problems.Add(new Problem("issuingDepartment", "funds.department", new LocalText("请填写下达部门（100字以内）", "Give the issuing department (at most 100 characters)")));
        if (string.IsNullOrWhiteSpace(request.DocumentNumber) || request.DocumentNumber.Trim().Length > 100)
            problems.Add(new Problem("documentNumber", "funds.document", new LocalText("请填写文号（100字以内）", "Give the document number (at most 100 characters)")));
        if (request.Year is < 2000 or > 2100)
            problems.Add(new Problem("year", "funds.year", new LocalText($"年度 {request.Year} 不正确", $"The year {request.Year} is not right")));
        if (FundRules.CheckAmount(request.Amount) is { } amount) problems.Add(amount);
        var doc = request.DocumentNumber?.Trim() ?? "";
        if (problems.Count == 0 && await db.FundSources.AnyAsync(s => s.CountyId == countyId && s.DocumentNumber == doc, ct))
            problems.Add(new Problem("documentNumber", "funds.document_duplicate", new LocalText($"文号 {doc} 已登记", $"The document {doc} is already registered")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var source = new FundSource
        {
            Id = Guid.CreateVersion7(), CountyId = countyId, Level = request.Level, IssuingDepartment = request.IssuingDepartment.Trim(), DocumentNumber = doc,
            Year = request.Year, ReceivedOn = request.ReceivedOn, Amount = Money.FromYuan(request.Amount), Category = request.Category, Allocated = Money.Zero,
            RecordedBy = database.Actor.UserName, Version = 1,
        };
        db.FundSources.Add(source);
        db.ChangeReason = request.Reason;
        await db.SaveChangesAsync(ct);
        return new Saved(source.Id, source.Version);
    }
}
