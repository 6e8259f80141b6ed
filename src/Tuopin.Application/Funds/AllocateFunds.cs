using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// The county allocates money of a source to a project (资金分配): never more than the source's unallocated balance. The
/// source's running total rises in the same save, guarded by its version: of two allocations racing for the same yuan, one wins.
/// </summary>
public sealed class AllocateFunds(Database database)
{
    public sealed record Request(Guid SourceId, Guid ProjectId, DateOnly AllocatedOn, decimal Amount, string? DocumentNumber = null, string? Reason = null);

    public sealed record Saved(Guid Id, int Version, decimal SourceUnallocated);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        FundsAccess.RequireManager(database.Actor);
        await using var db = database.Open();
        var amount = FundsAccess.Amount(request.Amount);
        var source = await db.FundSources.FirstOrDefaultAsync(s => s.Id == request.SourceId, ct) ?? throw FundsAccess.SourceNotFound();
        if (!await db.Projects.AnyAsync(p => p.Id == request.ProjectId && p.CountyId == source.CountyId, ct)) throw FundsAccess.ProjectNotFound();
        if (FundRules.CheckAllocation(amount, source.Amount, source.Allocated, source.DocumentNumber) is { } problem) throw new InvalidRequestException([problem]);
        if (request.DocumentNumber is { Length: > 100 })
            throw new InvalidRequestException([new Problem("documentNumber", "funds.document", new LocalText("文号不能超过100个字", "The document number has at most 100 characters"))]);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var allocation = new FundAllocation
        {
            Id = Guid.CreateVersion7(), CountyId = source.CountyId, FundSourceId = source.Id, ProjectId = request.ProjectId, AllocatedOn = request.AllocatedOn,
            Amount = amount, Disbursed = Money.Zero, DocumentNumber = FundsAccess.Trim(request.DocumentNumber), RecordedBy = database.Actor.UserName, Version = 1,
        };
        source.Allocated += amount;
        source.Version++;
        source.UpdatedAt = now;
        db.FundAllocations.Add(allocation);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw FundsAccess.Raced(ex.InnerException!);
        }
        return new Saved(allocation.Id, allocation.Version, FundRules.Unallocated(source.Amount, source.Allocated).Yuan);
    }
}
