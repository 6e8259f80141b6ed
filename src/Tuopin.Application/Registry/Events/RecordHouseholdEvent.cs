using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// Records a change in a household's life (动态管理) and applies its effect to the registry: members join
/// or leave, the status changes, the household moves, splits or absorbs another. Dated, explained, in the
/// actor's area and role, audited with the rest of the save. Status changes (exit, return, removal) are
/// the county's decision; registrations and removals only inside the yearly adjustment window.
/// New registrations are recorded by <see cref="CreateHousehold"/>, which writes the registration event.
/// </summary>
public sealed class RecordHouseholdEvent(Database database)
{
    // Year: the exit year (exit). Member: the newcomer (birth, marriage in, moving in). MemberId: who leaves
    // (death, marriage out, moving out). NewHeadId: the new head when the head leaves, or a split household's head.
    // VillageId/GroupId: where a household moves. MemberIds: who forms the new household in a split.
    // OtherHouseholdId: the household that joins this one and closes, in a merge.
    // Relations: for the members who change head (split: to the new head; merge: to this household's head), the
    // relation the officer states; a member not named gets the relation RelationRules reads from the old one.
    public sealed record Request(
        Guid HouseholdId, int Version, HouseholdEventKind Kind, DateOnly Date, string Reason,
        string? DocumentNumber = null, string? Evidence = null, int? Year = null,
        MemberFields? Member = null, Guid? MemberId = null, Guid? NewHeadId = null,
        Guid? VillageId = null, Guid? GroupId = null, IReadOnlyList<Guid>? MemberIds = null, Guid? OtherHouseholdId = null,
        IReadOnlyDictionary<Guid, Relation>? Relations = null);

    public sealed record Response(int Version, Guid EventId, Guid? NewHouseholdId);

    private static readonly LocalText CountyOnly = new("脱贫、返贫和清退由县级审定", "Exit, return to poverty and removal are approved by the county");

    public async Task<Response> HandleAsync(Request request, CancellationToken ct = default)
    {
        RegistryMapping.RequireWriter(database.Actor);
        if (request.Kind is HouseholdEventKind.Exit or HouseholdEventKind.ReturnToPoverty or HouseholdEventKind.Removal && !Permissions.CanApproveStatusChange(database.Actor.Role))
            throw new ForbiddenException(CountyOnly);
        if (request.Kind is HouseholdEventKind.Registration or HouseholdEventKind.Correction || !Enum.IsDefined(request.Kind))
            throw new InvalidRequestException([new Problem("kind", "event.kind", new LocalText(
                "新识别请用“登记新户”，信息更正请直接修改该户或成员", "Register a new household with the registration form; correct data by editing the household or member"))]);

        await using var db = database.Open();
        var household = await RegistryMapping.HouseholdForChangeAsync(db, request.HouseholdId, request.Version, ct, withMembers: true);
        var today = database.Clock.Today();
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(request.Reason))
            problems.Add(new Problem("reason", "event.reason_required", new LocalText("请说明变动原因", "Say why")));
        if (household.ClosedOn is { } closed)
            throw new InvalidRequestException([new Problem("householdId", "event.household_closed", new LocalText($"该户已于 {closed:yyyy-MM-dd} 合并到其他户，不能再登记变动", $"The household was merged into another on {closed:yyyy-MM-dd}; it takes no more changes"))]);
        var last = await HouseholdEvents.LastAsync(db, household.Id, ct);
        HouseholdEvents.CheckDate(request.Date, today, last, problems);
        if ((await AdjustmentWindow.GetAsync(db, ct)).Check(request.Kind, request.Date) is { } outside) problems.Add(outside);

        var from = household.Status;
        var details = new HouseholdEvents.Details(request.DocumentNumber, request.Evidence);
        Household? created = null;
        Household? merged = null;
        (int Sequence, DateOnly Date)? mergedLast = null;
        switch (request.Kind)
        {
            case HouseholdEventKind.Exit:
                if (HouseholdStatusRules.CheckTransition(household.Status, HouseholdStatus.Exited, "kind") is { } notPoor) problems.Add(notPoor);
                household.Status = HouseholdStatus.Exited;
                household.ExitYear = request.Year;
                problems.AddRange(RegistryRules.CheckHousehold(household).Where(p => p.Field is "status" or "exitYear").Select(p => p with { Field = "year" }));
                if (request.Year is { } y && request.Date.Year < y)
                    problems.Add(new Problem("date", "event.date_before_year", new LocalText($"脱贫日期早于脱贫年度{y}", $"The date is before the exit year {y}")));
                break;
            case HouseholdEventKind.ReturnToPoverty:
                if (HouseholdStatusRules.CheckTransition(household.Status, HouseholdStatus.Returned, "kind") is { } notExited) problems.Add(notExited);
                household.Status = HouseholdStatus.Returned;
                break;
            case HouseholdEventKind.Removal:
                if (HouseholdStatusRules.CheckTransition(household.Status, HouseholdStatus.Removed, "kind") is { } removed) problems.Add(removed);
                household.Status = HouseholdStatus.Removed;
                break;
            case HouseholdEventKind.Birth or HouseholdEventKind.MarriageIn or HouseholdEventKind.MoveIn:
                details = details with { MemberId = await AddNewcomerAsync(db, household, request, today, problems, ct) };
                break;
            case HouseholdEventKind.Death or HouseholdEventKind.MarriageOut or HouseholdEventKind.MoveOut:
                details = details with { MemberId = Leave(household, request, problems) };
                break;
            case HouseholdEventKind.MoveVillage:
                await MoveAsync(db, household, request, problems, ct);
                break;
            case HouseholdEventKind.Split:
                created = await SplitAsync(db, household, request, problems, ct);
                details = details with { RelatedHouseholdId = created?.Id };
                break;
            case HouseholdEventKind.Merge:
                merged = await MergeAsync(db, household, request, problems, ct);
                if (merged is not null)
                {
                    mergedLast = await HouseholdEvents.LastAsync(db, merged.Id, ct);
                    if (mergedLast is { } ml && request.Date < ml.Date)
                        problems.Add(new Problem("date", "event.date_before_previous", new LocalText($"变动日期早于被合并户上一次变动（{ml.Date:yyyy-MM-dd}）", $"The date is before the merged household's previous change ({ml.Date:yyyy-MM-dd})")));
                }
                details = details with { RelatedHouseholdId = merged?.Id };
                break;
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        household.CountMembers();
        var reason = request.Reason.Trim();
        var change = HouseholdEvents.Append(db, household, last, request.Kind, request.Date, from, reason, details);
        if (created is not null)
        {
            created.CountMembers();
            HouseholdEvents.Append(db, created, null, HouseholdEventKind.Split, request.Date, null, reason, details with { RelatedHouseholdId = household.Id });
        }
        if (merged is not null)
        {
            merged.CountMembers();
            merged.ClosedOn = request.Date;
            merged.Version++;
            HouseholdEvents.Append(db, merged, mergedLast, HouseholdEventKind.Merge, request.Date, merged.Status, reason, details with { RelatedHouseholdId = household.Id, Closed = true });
        }
        db.ChangeReason = reason;
        await RegistryMapping.SaveAsync(db, household.Id, ct);
        return new Response(household.Version, change.Id, created?.Id);
    }

    private async Task<Guid?> AddNewcomerAsync(TuopinDb db, Household household, Request request, DateOnly today, List<Problem> problems, CancellationToken ct)
    {
        if (request.Member is not { } fields)
        {
            problems.Add(new Problem("member", "event.member_required", new LocalText("请填写新成员的信息", "Fill in the new member")));
            return null;
        }
        var member = new Member { Id = Guid.CreateVersion7(), Name = string.Empty, ResidentIdCipher = string.Empty, ResidentIdIndex = string.Empty };
        household.Adopt(member);
        var memberProblems = new List<Problem>();
        if (RegistryMapping.CheckMember("member.", member, fields, today, memberProblems) is { } id)
        {
            member.ResidentIdCipher = database.Protector.Protect(id.Value);
            member.ResidentIdIndex = database.Protector.Index(id.Value);
            await RegistryChecks.CheckIdsFreeAsync(db, [member], Guid.Empty, memberProblems, ct);
        }
        problems.AddRange(memberProblems.Select(p => p.Field.StartsWith("member.", StringComparison.Ordinal) ? p : p with { Field = "member." + p.Field }));
        if (member.Status != MemberStatus.Present)
            problems.Add(new Problem("member.status", "event.member_present", new LocalText("新成员的状态应为“在户”", "A newcomer is present")));
        if (member.Relation == Relation.Head)
            problems.Add(new Problem("member.relation", "household.several_heads", new LocalText("该户已有户主，新成员不能是户主", "The household has a head already")));
        if (request.Kind == HouseholdEventKind.Birth && (member.BirthDate > request.Date || member.BirthDate < request.Date.AddYears(-1)))
            problems.Add(new Problem("member.birthDate", "event.birth_date", new LocalText(
                $"出生登记的日期应在出生后一年内；出生日期 {member.BirthDate:yyyy-MM-dd}，登记日期 {request.Date:yyyy-MM-dd}", $"A birth is recorded within a year of it; born {member.BirthDate:yyyy-MM-dd}, recorded {request.Date:yyyy-MM-dd}")));
        member.JoinedOn = request.Date;
        db.Members.Add(member);
        if (!household.Members.Contains(member)) household.Members.Add(member);
        return member.Id;
    }

    private static Guid? Leave(Household household, Request request, List<Problem> problems)
    {
        var member = household.Members.FirstOrDefault(m => m.Id == request.MemberId && m.Status == MemberStatus.Present);
        if (member is null)
        {
            problems.Add(new Problem("memberId", "event.member_unknown", new LocalText("请选择该户一名在户成员", "Choose a present member of the household")));
            return null;
        }
        member.Status = request.Kind == HouseholdEventKind.Death ? MemberStatus.Deceased : MemberStatus.MovedOut;
        member.LeftOn = request.Date;
        if (member.Relation == Relation.Head && household.Members.Any(m => m.Status == MemberStatus.Present))
        {
            var heir = household.Members.FirstOrDefault(m => m.Id == request.NewHeadId && m.Status == MemberStatus.Present);
            if (heir is null)
                problems.Add(new Problem("newHeadId", "event.new_head_required", new LocalText("户主离开后须指定一名在户成员为新户主", "When the head leaves, choose a present member as the new head")));
            else
                heir.Relation = Relation.Head;
        }
        return member.Id;
    }

    private static async Task MoveAsync(TuopinDb db, Household household, Request request, List<Problem> problems, CancellationToken ct)
    {
        if (request.VillageId is not { } villageId || villageId == household.VillageId)
        {
            problems.Add(new Problem("villageId", "event.village_required", new LocalText("请选择迁入的村（与现在的村不同）", "Choose the village moved to (another than now)")));
            return;
        }
        var village = await RegistryMapping.VillageInScopeAsync(db, villageId, "villageId", ct);
        if (village.CountyId != household.CountyId)
        {
            problems.Add(new Problem("villageId", "event.village_other_county", new LocalText("迁出本县请登记“迁出”", "Moving out of the county is recorded as moving out")));
            return;
        }
        await CreateHousehold.CheckGroupAsync(db, request.GroupId, village.Id, problems, ct);
        // Earlier events that do not say where the household was (bulk imports, the demo) say it now: here.
        foreach (var earlier in await db.StatusChanges.Where(e => e.HouseholdId == household.Id && e.VillageIdAfter == null).ToListAsync(ct))
        {
            earlier.TownshipIdAfter = household.TownshipId;
            earlier.VillageIdAfter = household.VillageId;
        }
        household.Number = await RegistryChecks.NumberAsync(db, null, village, problems, ct);
        household.TownshipId = village.TownshipId;
        household.VillageId = village.Id;
        household.GroupId = request.GroupId;
        foreach (var m in household.Members) household.Adopt(m);
    }

    private async Task<Household?> SplitAsync(TuopinDb db, Household household, Request request, List<Problem> problems, CancellationToken ct)
    {
        var ids = (request.MemberIds ?? []).Distinct().ToList();
        var leaving = household.Members.Where(m => ids.Contains(m.Id) && m.Status == MemberStatus.Present).ToList();
        if (leaving.Count == 0 || leaving.Count != ids.Count)
        {
            problems.Add(new Problem("memberIds", "event.split_members", new LocalText("请选择分出去的在户成员", "Choose the present members who form the new household")));
            return null;
        }
        if (leaving.Count == household.Members.Count(m => m.Status == MemberStatus.Present))
            problems.Add(new Problem("memberIds", "event.split_all", new LocalText("不能把全部成员分出去", "Not all members can leave in a split")));
        if (leaving.Any(m => m.Relation == Relation.Head))
            problems.Add(new Problem("memberIds", "event.split_head", new LocalText("原户主留在原户；分出的户另选户主", "The head stays; the new household has its own head")));
        var newHead = leaving.FirstOrDefault(m => m.Id == request.NewHeadId);
        if (newHead is null)
            problems.Add(new Problem("newHeadId", "event.new_head_required", new LocalText("请在分出的成员中指定新户的户主", "Choose the new household's head among those who leave")));
        CheckRelations(request, leaving.Where(m => m != newHead), problems);
        if (problems.Count > 0) return null;

        var village = await db.Villages.AsNoTracking().FirstAsync(v => v.Id == household.VillageId, ct);
        var created = new Household
        {
            Id = Guid.CreateVersion7(),
            Number = await RegistryChecks.NumberAsync(db, null, village, problems, ct),
            CountyId = household.CountyId,
            TownshipId = household.TownshipId,
            VillageId = household.VillageId,
            Status = household.Status,
            ExitYear = household.ExitYear,
        };
        RegistryMapping.Apply(created, RegistryMapping.FieldsOf(household, null), database.Protector);
        created.PhoneCipher = null;
        var oldHeadSex = household.Members.FirstOrDefault(m => m.Relation == Relation.Head && m.Status == MemberStatus.Present)?.Sex ?? Sex.Male;
        foreach (var m in leaving.Where(m => m != newHead))
            m.Relation = Stated(request, m.Id) ?? RelationRules.ToNewHead(m.Relation, newHead!.Relation, oldHeadSex);
        foreach (var m in leaving)
        {
            household.Members.Remove(m);
            created.Adopt(m);
            m.JoinedOn = request.Date;
            created.Members.Add(m);
        }
        newHead!.Relation = Relation.Head;
        db.Households.Add(created);
        return created;
    }

    private static async Task<Household?> MergeAsync(TuopinDb db, Household household, Request request, List<Problem> problems, CancellationToken ct)
    {
        var other = request.OtherHouseholdId is { } id && id != household.Id
            ? await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, ct)
            : null;
        if (other is null || other.ClosedOn is not null)
        {
            problems.Add(new Problem("otherHouseholdId", "event.merge_household", new LocalText("请选择并入本户的另一户（在您的管辖范围内、尚未合并）", "Choose another household of your area, not merged yet, to join this one")));
            return null;
        }
        var joining = other.Members.Where(m => m.Status == MemberStatus.Present).ToList();
        CheckRelations(request, joining, problems);
        var joiningHead = joining.FirstOrDefault(m => m.Relation == Relation.Head);
        var joiningHeadRelation = (joiningHead is null ? null : Stated(request, joiningHead.Id)) ?? Relation.Other;
        foreach (var m in joining)
        {
            other.Members.Remove(m);
            household.Adopt(m);
            m.JoinedOn = request.Date;
            m.Relation = Stated(request, m.Id) ?? RelationRules.ToHostHead(m.Relation, joiningHeadRelation, joiningHead?.Sex ?? Sex.Male);
            household.Members.Add(m);
        }
        return other;
    }

    /// <summary>The relation the officer stated for a member, if any.</summary>
    private static Relation? Stated(Request request, Guid memberId) =>
        request.Relations is { } relations && relations.TryGetValue(memberId, out var stated) && stated != default ? stated : null;

    /// <summary>Stated relations name members who change head, and none of them becomes a second head.</summary>
    private static void CheckRelations(Request request, IEnumerable<Member> moving, List<Problem> problems)
    {
        if (request.Relations is not { Count: > 0 } relations) return;
        var ids = moving.Select(m => m.Id).ToHashSet();
        foreach (var (id, relation) in relations)
        {
            if (!ids.Contains(id))
                problems.Add(new Problem("relations", "event.relation_member", new LocalText("所填关系的成员不在变动的成员中", "A stated relation names a member who does not move")));
            else if (relation == Relation.Head || !Enum.IsDefined(relation))
                problems.Add(new Problem("relations", "event.relation_value", new LocalText("与户主关系应为户主以外的代码", "The relation is a code other than head")));
        }
    }
}
