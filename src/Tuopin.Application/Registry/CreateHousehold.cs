using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Registers a new household (新识别) with its members and, optionally, incomes.</summary>
public sealed class CreateHousehold(Database database)
{
    /// <summary>RegisteredOn: when the household was identified; today if not given.</summary>
    public sealed record Request(HouseholdFields Household, IReadOnlyList<MemberFields> Members, IReadOnlyList<IncomeFields>? Incomes = null, string? Reason = null, DateOnly? RegisteredOn = null);

    public async Task<Guid> HandleAsync(Request request, CancellationToken ct = default)
    {
        RegistryMapping.RequireWriter(database.Actor);
        await using var db = database.Open();
        var protector = database.Protector;
        var today = database.Clock.Today();
        var problems = new List<Problem>();

        var village = await RegistryMapping.VillageInScopeAsync(db, request.Household.VillageId, "villageId", ct);
        await CheckGroupAsync(db, request.Household.GroupId, village.Id, problems, ct);

        var household = new Household
        {
            Id = Guid.CreateVersion7(),
            Number = string.Empty,
            CountyId = village.CountyId,
            TownshipId = village.TownshipId,
            VillageId = village.Id,
            Status = HouseholdStatus.NotExited,
        };
        RegistryMapping.Apply(household, request.Household, protector);
        problems.AddRange(RegistryChecks.CheckFields(household, request.Household.Phone));

        var members = new List<Member>();
        var ids = new Dictionary<string, int>();
        if (request.Members.Count == 0)
            problems.Add(new Problem("members", "household.no_members", new LocalText("每户至少要有一名成员（户主）", "A household has at least one member, its head")));
        for (var i = 0; i < request.Members.Count; i++)
        {
            var prefix = $"members[{i}].";
            var member = new Member { Id = Guid.CreateVersion7(), Name = string.Empty, ResidentIdCipher = string.Empty, ResidentIdIndex = string.Empty };
            household.Adopt(member);
            var id = RegistryMapping.CheckMember(prefix, member, request.Members[i], today, problems);
            if (id is { } valid)
            {
                if (ids.TryGetValue(valid.Value, out var first))
                    problems.Add(new Problem(prefix + "residentId", "member.duplicate_in_request",
                        new LocalText($"身份证号码与第{first + 1}名成员重复", $"The resident ID repeats that of member {first + 1}")));
                else
                    ids[valid.Value] = i;
                member.ResidentIdCipher = protector.Protect(valid.Value);
                member.ResidentIdIndex = protector.Index(valid.Value);
            }
            members.Add(member);
        }
        if (request.Members.Count > 0 && RegistryRules.CheckHead(members) is { } head) problems.Add(head);
        await RegistryChecks.CheckIdsFreeAsync(db, members, null, problems, ct);

        var incomes = new List<HouseholdIncome>();
        var presentCount = Math.Max(1, members.Count(m => m.Status == MemberStatus.Present));
        foreach (var (income, i) in (request.Incomes ?? []).Select((x, i) => (x, i)))
        {
            var entity = RegistryMapping.ToIncome(income, presentCount, $"incomes[{i}].", problems);
            if (incomes.Any(x => x.Year == entity.Year))
                problems.Add(new Problem($"incomes[{i}].year", "income.duplicate_year", new LocalText($"{entity.Year}年的收入重复填写", $"Income for {entity.Year} is given twice")));
            entity.Id = Guid.CreateVersion7();
            entity.HouseholdId = household.Id;
            incomes.Add(entity);
        }

        var registeredOn = request.RegisteredOn ?? today;
        problems.AddRange(RegistryChecks.CheckRegistration(household, registeredOn, request.RegisteredOn is not null, today, await AdjustmentWindow.GetAsync(db, ct)));

        household.Number = await RegistryChecks.NumberAsync(db, request.Household.Number, village, problems, ct);
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        household.Members = members;
        household.CountMembers();
        household.Incomes = incomes;
        household.StatusChanges.Add(new HouseholdStatusChange
        {
            Id = Guid.CreateVersion7(),
            HouseholdId = household.Id,
            Kind = HouseholdEventKind.Registration,
            Sequence = 1,
            SizeAfter = household.Size,
            TownshipIdAfter = household.TownshipId,
            VillageIdAfter = household.VillageId,
            Date = registeredOn,
            From = null,
            To = HouseholdStatus.NotExited,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? "新识别登记" : request.Reason.Trim(),
            RecordedBy = db.Actor.UserName,
            RecordedAt = database.Clock.GetUtcNow().UtcDateTime,
        });
        db.Households.Add(household);
        db.ChangeReason = request.Reason;
        await RegistryMapping.SaveAsync(db, household.Id, ct);
        return household.Id;
    }

    internal static async Task CheckGroupAsync(TuopinDb db, Guid? groupId, Guid villageId, List<Problem> problems, CancellationToken ct)
    {
        if (groupId is not { } id) return;
        if (!await db.VillageGroups.AnyAsync(g => g.Id == id && g.VillageId == villageId, ct))
            problems.Add(new Problem("groupId", "place.unknown_group", new LocalText("所选村民小组不属于该村", "The village group does not belong to the village")));
    }
}
