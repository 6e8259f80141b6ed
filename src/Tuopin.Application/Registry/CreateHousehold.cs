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
        var today = DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);
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
        problems.AddRange(RegistryRules.CheckHousehold(household));
        RegistryMapping.CheckPhone(request.Household.Phone, problems);

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
        if (registeredOn > today)
            problems.Add(new Problem("registeredOn", "household.registered_in_future", new LocalText("识别日期不能晚于今天", "The registration date cannot be in the future")));
        else if (registeredOn.Year != household.RegistrationYear && request.RegisteredOn is not null)
            problems.Add(new Problem("registeredOn", "household.registered_year", new LocalText($"识别日期 {registeredOn:yyyy-MM-dd} 不在识别年度 {household.RegistrationYear} 内", $"The registration date {registeredOn:yyyy-MM-dd} is not in the registration year {household.RegistrationYear}")));

        if ((await AdjustmentWindow.GetAsync(db, ct)).Check(HouseholdEventKind.Registration, registeredOn) is { } outside)
            problems.Add(outside with { Field = "registeredOn" });

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

/// <summary>Checks that need the whole database, not only the user's area.</summary>
internal static class RegistryChecks
{
    /// <summary>
    /// No resident ID may already belong to another person record, anywhere. The check looks past the
    /// user's area on purpose, and its message says only that the number is taken, not where.
    /// </summary>
    public static async Task CheckIdsFreeAsync(TuopinDb db, IReadOnlyList<Member> members, Guid? exceptMember, List<Problem> problems, CancellationToken ct)
    {
        var indexes = members.Where(m => m.ResidentIdIndex.Length > 0).Select(m => m.ResidentIdIndex).Distinct().ToList();
        if (indexes.Count == 0) return;
        db.Probes?.EnsureAllowed(db.Actor);
        var found = await db.Members.IgnoreQueryFilters()
            .Where(m => indexes.Contains(m.ResidentIdIndex) && m.Id != exceptMember)
            .Select(m => new { m.ResidentIdIndex, m.CountyId, m.TownshipId, m.VillageId })
            .ToListAsync(ct);
        db.Probes?.Record(db.Actor, found.Count(m => !db.Actor.Scope.Covers(m.CountyId, m.TownshipId, m.VillageId)), "registry form");
        var taken = found.Select(m => m.ResidentIdIndex).ToHashSet();
        for (var i = 0; i < members.Count; i++)
        {
            if (taken.Contains(members[i].ResidentIdIndex))
                problems.Add(new Problem(members.Count == 1 && exceptMember is not null ? "residentId" : $"members[{i}].residentId", "member.duplicate_resident_id",
                    new LocalText("该身份证号码已在本县登记为其他成员，同一人不能登记两次", "This resident ID is already registered for another member; a person is registered once")));
        }
    }

    /// <summary>The household number: the one given, if well-formed and free, else the village's next.</summary>
    public static async Task<string> NumberAsync(TuopinDb db, string? requested, Domain.Places.Village village, List<Problem> problems, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var number = requested.Trim();
            if (number.Length is < 4 or > 20 || !number.All(char.IsAsciiDigit))
                problems.Add(new Problem("number", "household.number_format", new LocalText("户编号应为4至20位数字", "A household number has 4 to 20 digits")));
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
