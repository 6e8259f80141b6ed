using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Pairs a cadre with a household from a day (结对帮扶). A household has one responsible cadre at a time: the
/// pairing that lasts ends the day before the new one starts, with the reason given, so the history says who was
/// responsible on every day. A day before the current pairing began is refused (history is not rewritten).
/// </summary>
public sealed class AssignCadre(Database database)
{
    public sealed record Request(Guid HouseholdId, Guid CadreId, DateOnly StartedOn, string? Reason = null);

    public sealed record Saved(Guid Id, Guid? Ended);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        AssistanceAccess.RequireWriter(actor);
        await using var db = database.Open();
        var household = await db.Households.FirstOrDefaultAsync(h => h.Id == request.HouseholdId, ct) ?? throw RegistryMapping.HouseholdNotFound();
        var cadre = await AssistanceAccess.CadreInCountyAsync(db, actor, request.CadreId, ct);
        var open = await db.CadreAssignments.Where(a => a.HouseholdId == household.Id && a.EndedOn == null).OrderByDescending(a => a.StartedOn).ToListAsync(ct);
        var current = open.FirstOrDefault();
        if (current is not null && current.CadreId == cadre.Id)
            throw new InvalidRequestException([new Problem("cadreId", "assignment.same", new LocalText($"{cadre.Name} 已是该户的帮扶责任人", $"{cadre.Name} is already the household's cadre"))]);
        if (current is not null && request.StartedOn <= current.StartedOn)
            throw new InvalidRequestException([new Problem("startedOn", "assignment.start", new LocalText(
                $"开始日期须晚于现任帮扶责任人的结对开始日期 {current.StartedOn:yyyy-MM-dd}", $"The start must be after the current pairing began ({current.StartedOn:yyyy-MM-dd})"))]);
        foreach (var a in open)
        {
            a.EndedOn = request.StartedOn.AddDays(-1);
            a.EndReason = string.IsNullOrWhiteSpace(request.Reason) ? "更换帮扶责任人" : request.Reason.Trim();
        }
        var assignment = new CadreAssignment
        {
            Id = Guid.CreateVersion7(), HouseholdId = household.Id, CountyId = household.CountyId, TownshipId = household.TownshipId, VillageId = household.VillageId,
            CadreId = cadre.Id, StartedOn = request.StartedOn, RecordedBy = actor.UserName, RecordedAt = database.Clock.GetUtcNow().UtcDateTime,
        };
        db.CadreAssignments.Add(assignment);
        db.ChangeReason = request.Reason;
        await db.SaveChangesAsync(ct);
        return new Saved(assignment.Id, current?.Id);
    }
}
