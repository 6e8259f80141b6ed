using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>A household's dated timeline of events, oldest first, with the members and households they name.</summary>
public sealed class GetHouseholdEvents(Database database)
{
    public sealed record EventView(
        Guid Id, int Sequence, HouseholdEventKind Kind, DateOnly Date, HouseholdStatus? From, HouseholdStatus To, int? Year,
        int SizeAfter, bool Closed, Guid? MemberId, string? MemberName, Guid? RelatedHouseholdId, string? RelatedHouseholdNumber,
        string? DocumentNumber, string? Evidence, string Reason, string RecordedBy, DateTime RecordedAt);

    public async Task<IReadOnlyList<EventView>> HandleAsync(Guid householdId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        if (!await db.Households.AnyAsync(h => h.Id == householdId, ct)) throw RegistryMapping.HouseholdNotFound();
        // The member or household an event names may since have moved out of the actor's area: the
        // name is part of this household's history, so it is read past the area filter, by id only.
        return await db.StatusChanges.AsNoTracking()
            .Where(e => e.HouseholdId == householdId)
            .OrderBy(e => e.Sequence)
            .Select(e => new EventView(
                e.Id, e.Sequence, e.Kind, e.Date, e.From, e.To, e.Year, e.SizeAfter, e.Closed, e.MemberId,
                db.Members.IgnoreQueryFilters().Where(m => m.Id == e.MemberId).Select(m => m.Name).FirstOrDefault(),
                e.RelatedHouseholdId,
                db.Households.IgnoreQueryFilters().Where(h => h.Id == e.RelatedHouseholdId).Select(h => h.Number).FirstOrDefault(),
                e.DocumentNumber, e.Evidence, e.Reason, e.RecordedBy, e.RecordedAt))
            .ToListAsync(ct);
    }
}
