using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Changes a household's own fields (not its members, incomes or status).</summary>
public sealed class UpdateHousehold(Database database)
{
    public sealed record Request(Guid HouseholdId, int Version, HouseholdFields Household, string? Reason = null);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        RegistryMapping.RequireWriter(database.Actor);
        await using var db = database.Open();
        var household = await RegistryMapping.HouseholdForChangeAsync(db, request.HouseholdId, request.Version, ct, withMembers: true);
        var problems = new List<Problem>();
        if (request.Household.VillageId != household.VillageId)
        {
            // Moving to another village: the new village must be inside the user's area too.
            var village = await RegistryMapping.VillageInScopeAsync(db, request.Household.VillageId, "villageId", ct);
            household.CountyId = village.CountyId;
            household.TownshipId = village.TownshipId;
            household.VillageId = village.Id;
            foreach (var member in household.Members) household.Adopt(member);
        }
        await CreateHousehold.CheckGroupAsync(db, request.Household.GroupId, household.VillageId, problems, ct);
        if (!string.IsNullOrWhiteSpace(request.Household.Number) && request.Household.Number.Trim() != household.Number)
            problems.Add(new Problem("number", "household.number_fixed", new LocalText("户编号登记后不能修改", "A household number cannot change once registered")));
        RegistryMapping.Apply(household, request.Household, database.Protector);
        problems.AddRange(RegistryRules.CheckHousehold(household));
        RegistryMapping.CheckPhone(request.Household.Phone, problems);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.ChangeReason = request.Reason;
        await RegistryMapping.SaveAsync(db, household.Id, ct);
        return household.Version;
    }
}
