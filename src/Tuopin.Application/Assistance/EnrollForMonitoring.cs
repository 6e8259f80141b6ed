using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Enrols a registered household for return-to-poverty monitoring (纳入防返贫监测) with the risk seen, a reason and
/// the day of the first review (a quarter later unless given). A household already watched is refused: its open
/// case is reviewed instead. Village, township and county officers enrol their area's households.
/// </summary>
public sealed class EnrollForMonitoring(Database database)
{
    public sealed record Request(Guid HouseholdId, MonitoringRisk Risk, string Reason, DateOnly? EnrolledOn = null, DateOnly? ReviewDue = null);

    public async Task<Guid> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        AssistanceAccess.RequireWriter(actor);
        var today = database.Clock.Today();
        var (enrolledOn, reviewDue) = Monitoring.DaysOf(request.EnrolledOn, request.ReviewDue, today);
        var problems = Monitoring.CheckEnrolment(request.Risk, request.Reason, enrolledOn, reviewDue, today);
        await using var db = database.Open();
        var household = await db.Households.AsNoTracking().Where(h => h.Id == request.HouseholdId)
            .Select(h => new { h.Id, h.Number, h.Status, h.ClosedOn, h.CountyId, h.TownshipId, h.VillageId }).FirstOrDefaultAsync(ct)
            ?? throw RegistryMapping.HouseholdNotFound();
        if (household.Status == HouseholdStatus.Removed || household.ClosedOn is not null)
            problems.Add(new Problem("householdId", "monitoring.household", new LocalText("该户已清退或已合并，不能纳入监测", "The household was removed or merged and cannot be watched")));
        if (await db.MonitoringCases.AnyAsync(c => c.HouseholdId == household.Id && c.ClosedOn == null, ct))
            problems.Add(new Problem("householdId", "monitoring.open", new LocalText($"户 {household.Number} 已在监测中，请在原监测记录上回访", $"Household {household.Number} is already watched; review its open case")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var c = new MonitoringCase
        {
            Id = Guid.CreateVersion7(), HouseholdId = household.Id, CountyId = household.CountyId, TownshipId = household.TownshipId, VillageId = household.VillageId,
            Risk = request.Risk, Reason = request.Reason.Trim(), EnrolledOn = enrolledOn, ReviewDue = reviewDue, RecordedBy = actor.UserName, Version = 1,
        };
        db.MonitoringCases.Add(c);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText($"户 {household.Number} 刚被他人纳入监测", $"Someone else just enrolled household {household.Number}"));
        }
        return c.Id;
    }
}
