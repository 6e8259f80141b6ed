using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// The checks of a household that the form (<see cref="CreateHousehold"/>, <see cref="AddMember"/>,
/// <see cref="UpdateMember"/>) and the registry import both make, written once: the pure rules are
/// <see cref="RegistryRules"/>'s, and these add what needs the database (resident IDs registered
/// anywhere, the adjustment window) or the application (the phone number).
/// </summary>
internal static class RegistryChecks
{
    /// <summary>A household's own fields (<see cref="RegistryRules.CheckHousehold"/>) and its phone number.</summary>
    public static List<Problem> CheckFields(Household household, string? phone)
    {
        var problems = RegistryRules.CheckHousehold(household);
        RegistryMapping.CheckPhone(phone, problems);
        return problems;
    }

    /// <summary>
    /// A new household's registration (新识别) on <paramref name="date"/>: the date's own rule
    /// (<see cref="RegistryRules.CheckRegistrationDate"/>), and the adjustment window it must lie in.
    /// </summary>
    public static List<Problem> CheckRegistration(Household household, DateOnly date, bool stated, DateOnly today, AdjustmentWindow window)
    {
        var problems = new List<Problem>();
        if (RegistryRules.CheckRegistrationDate(date, stated, household.RegistrationYear, today) is { } wrong) problems.Add(wrong);
        if (window.Check(HouseholdEventKind.Registration, date) is { } outside) problems.Add(outside with { Field = "registeredOn" });
        return problems;
    }

    /// <summary>A resident ID already registered: the member, its household, and the import batch that wrote it.</summary>
    public sealed record RegisteredId(string Index, Guid Member, Guid Household, Guid? Batch, string Number);

    /// <summary>
    /// The members of the whole registry that hold any of these blind indexes (except
    /// <paramref name="exceptMember"/>). The lookup looks past the user's area on purpose; what it
    /// finds outside the area counts toward the user's daily allowance of such probes.
    /// </summary>
    public static async Task<List<RegisteredId>> RegisteredIdsAsync(TuopinDb db, IReadOnlyCollection<string> indexes, Guid? exceptMember, string where, CancellationToken ct)
    {
        db.Probes?.EnsureAllowed(db.Actor);
        var found = await db.Members.IgnoreQueryFilters().AsNoTracking()
            .Where(m => indexes.Contains(m.ResidentIdIndex) && m.Id != exceptMember)
            .Select(m => new { m.ResidentIdIndex, m.Id, m.HouseholdId, m.Household!.BatchId, m.Household.Number, m.CountyId, m.TownshipId, m.VillageId })
            .ToListAsync(ct);
        db.Probes?.Record(db.Actor, found.Count(m => !db.Actor.Scope.Covers(m.CountyId, m.TownshipId, m.VillageId)), where);
        return [.. found.Select(m => new RegisteredId(m.ResidentIdIndex, m.Id, m.HouseholdId, m.BatchId, m.Number))];
    }

    /// <summary>The refusal of a resident ID registered for another member: it says the number is taken, not where.</summary>
    public static Problem IdTaken(string field) => new(field, "member.duplicate_resident_id",
        new LocalText("该身份证号码已在本县登记为其他成员，同一人不能登记两次", "This resident ID is already registered for another member; a person is registered once"));

    /// <summary>
    /// No resident ID may already belong to another person record, anywhere. The check looks past the
    /// user's area on purpose, and its message says only that the number is taken, not where.
    /// </summary>
    public static async Task CheckIdsFreeAsync(TuopinDb db, IReadOnlyList<Member> members, Guid? exceptMember, List<Problem> problems, CancellationToken ct)
    {
        var indexes = members.Where(m => m.ResidentIdIndex.Length > 0).Select(m => m.ResidentIdIndex).Distinct().ToList();
        if (indexes.Count == 0) return;
        var taken = (await RegisteredIdsAsync(db, indexes, exceptMember, "registry form", ct)).Select(m => m.Index).ToHashSet();
        for (var i = 0; i < members.Count; i++)
        {
            if (taken.Contains(members[i].ResidentIdIndex))
                problems.Add(IdTaken(members.Count == 1 && exceptMember is not null ? "residentId" : $"members[{i}].residentId"));
        }
    }

    /// <summary>The household number: the one given, if well-formed and free, else the village's next.</summary>
    public static async Task<string> NumberAsync(TuopinDb db, string? requested, Domain.Places.Village village, List<Problem> problems, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var number = requested.Trim();
            if (RegistryRules.CheckHouseholdNumber(number) is { } malformed)
                problems.Add(malformed);
            else if (await db.Households.IgnoreQueryFilters().AnyAsync(h => h.Number == number, ct))
                problems.Add(new Problem("number", "household.number_taken", new LocalText($"户编号 {number} 已被使用", $"Household number {number} is already used")));
            return number;
        }
        var prefix = village.Code;
        var numbers = await db.Households.IgnoreQueryFilters()
            .Where(h => h.VillageId == village.Id)
            .Select(h => h.Number)
            .ToListAsync(ct);
        var next = numbers.Where(n => n.Length == prefix.Length + 4 && n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => int.TryParse(n.AsSpan(prefix.Length), out var seq) ? seq : 0)
            .DefaultIfEmpty(0).Max() + 1;
        return $"{prefix}{next:D4}";
    }
}
