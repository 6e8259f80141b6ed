using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// The county moves money of a source from one project to another (资金调整): the allocation it comes from is lowered
/// (never below what was paid from it) and the receiving project's allocation from the same source is raised, or created,
/// in one save; the source's total is unchanged. Both allocations' versions guard the save.
/// </summary>
public sealed class ReallocateFunds(Database database)
{
    public sealed record Request(Guid FromAllocationId, Guid ToProjectId, DateOnly On, decimal Amount, string? DocumentNumber = null, string? Reason = null);

    public sealed record Saved(Guid FromAllocationId, Guid ToAllocationId, decimal FromAmount, decimal ToAmount);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        FundsAccess.RequireManager(database.Actor);
        await using var db = database.Open();
        var amount = FundsAccess.Amount(request.Amount);
        var from = await db.FundAllocations.FirstOrDefaultAsync(a => a.Id == request.FromAllocationId, ct) ?? throw FundsAccess.AllocationNotFound();
        if (!await db.Projects.AnyAsync(p => p.Id == request.ToProjectId && p.CountyId == from.CountyId, ct)) throw FundsAccess.ProjectNotFound();
        if (request.ToProjectId == from.ProjectId)
            throw new InvalidRequestException([new Problem("toProjectId", "funds.same_project", new LocalText("调整须调往另一个项目", "A reallocation moves money to another project"))]);
        if (FundRules.CheckLowering(amount, from.Amount, from.Disbursed) is { } problem) throw new InvalidRequestException([problem]);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var to = await db.FundAllocations.Where(a => a.FundSourceId == from.FundSourceId && a.ProjectId == request.ToProjectId).OrderBy(a => a.AllocatedOn).ThenBy(a => a.Id).FirstOrDefaultAsync(ct);
        if (to is null)
        {
            to = new FundAllocation
            {
                Id = Guid.CreateVersion7(), CountyId = from.CountyId, FundSourceId = from.FundSourceId, ProjectId = request.ToProjectId, AllocatedOn = request.On,
                Amount = Money.Zero, Disbursed = Money.Zero, DocumentNumber = FundsAccess.Trim(request.DocumentNumber), RecordedBy = database.Actor.UserName, Version = 0,
            };
            db.FundAllocations.Add(to);
        }
        from.Amount -= amount;
        from.Version++;
        from.UpdatedAt = now;
        to.Amount += amount;
        to.Version++;
        to.UpdatedAt = now;
        db.ChangeReason = request.Reason ?? FundsAccess.Trim(request.DocumentNumber);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw FundsAccess.Raced(ex.InnerException!);
        }
        return new Saved(from.Id, to.Id, from.Amount.Yuan, to.Amount.Yuan);
    }
}
