using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Ends a household's pairing on a day with a reason (the cadre was transferred, retired…) without naming a
/// successor yet: the household then shows in the coverage as "pairing ended with no successor" until one is assigned.
/// </summary>
public sealed class EndCadreAssignment(Database database)
{
    public sealed record Request(Guid HouseholdId, DateOnly EndedOn, string Reason);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        AssistanceAccess.RequireWriter(database.Actor);
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw new InvalidRequestException([new Problem("reason", "assignment.reason", new LocalText("请填写结束结对的原因", "Give the reason the pairing ends"))]);
        await using var db = database.Open();
        if (!await db.Households.AnyAsync(h => h.Id == request.HouseholdId, ct)) throw RegistryMapping.HouseholdNotFound();
        var current = await db.CadreAssignments.Where(a => a.HouseholdId == request.HouseholdId && a.EndedOn == null).OrderByDescending(a => a.StartedOn).FirstOrDefaultAsync(ct)
            ?? throw new InvalidRequestException([new Problem("householdId", "assignment.none", new LocalText("该户目前没有帮扶责任人", "The household has no cadre now"))]);
        if (request.EndedOn < current.StartedOn)
            throw new InvalidRequestException([new Problem("endedOn", "assignment.end", new LocalText(
                $"结束日期不能早于结对开始日期 {current.StartedOn:yyyy-MM-dd}", $"The end cannot be before the pairing began ({current.StartedOn:yyyy-MM-dd})"))]);
        current.EndedOn = request.EndedOn;
        current.EndReason = request.Reason.Trim();
        db.ChangeReason = request.Reason;
        await db.SaveChangesAsync(ct);
    }
}
