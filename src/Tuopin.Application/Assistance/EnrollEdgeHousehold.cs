using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Records a household that is not in the registry, with its members, and enrols it for return-to-poverty monitoring
/// in the same save (边缘易致贫户 / 突发严重困难户 纳入监测). Its members' resident IDs are checked against the whole
/// registry: a person already registered is watched through their registered household, and the refusal says only
/// that the number is registered, not where. The household gets the village's next number (BY…), the first review is
/// a quarter after the enrolment unless given.
/// </summary>
public sealed class EnrollEdgeHousehold(Database database)
{
    public sealed record Request(
        Guid VillageId, EdgeKind Kind, decimal IncomePerHead, IReadOnlyList<EdgeHouseholds.MemberInput> Members, MonitoringRisk Risk, string Reason,
        string? Address = null, string? Phone = null, DateOnly? EnrolledOn = null, DateOnly? ReviewDue = null);

    public sealed record Enrolled(Guid EdgeHouseholdId, string Number, Guid CaseId);

    public async Task<Enrolled> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        AssistanceAccess.RequireWriter(actor);
        var today = database.Clock.Today();
        var (enrolledOn, reviewDue) = Monitoring.DaysOf(request.EnrolledOn, request.ReviewDue, today);
        await using var db = database.Open();
        var village = await RegistryMapping.VillageInScopeAsync(db, request.VillageId, "villageId", ct);
        // The income is last year's: it is measured against last year's line.
        var line = (await db.PovertyLines.AsNoTracking().FirstOrDefaultAsync(l => l.Year == enrolledOn.Year - 1, ct))?.Amount.Yuan;
        var problems = Monitoring.CheckEnrolment(request.Risk, request.Reason, enrolledOn, reviewDue, today);
        var income = CheckIncome(request.IncomePerHead, problems);
        problems.AddRange(EdgeHouseholds.Check(request.Kind, income, line, request.Members, today, out var ids));
        RegistryMapping.CheckPhone(request.Phone, problems);
        if (request.Address is { Length: > 200 })
            problems.Add(new Problem("address", "edge.address", new LocalText("住址不能超过200个字", "An address has at most 200 characters")));

        var members = new List<EdgeMember>();
        for (var i = 0; i < request.Members.Count; i++)
        {
            if (ids[i] is not { } id) continue;
            var m = request.Members[i];
            members.Add(new EdgeMember
            {
                Id = Guid.CreateVersion7(), CountyId = village.CountyId, TownshipId = village.TownshipId, VillageId = village.Id,
                Name = m.Name!.Trim(), Relation = m.Relation, Health = m.Health, Sex = id.Sex, BirthDate = id.BirthDate,
                ResidentIdCipher = database.Protector.Protect(id.Value), ResidentIdIndex = database.Protector.Index(id.Value),
            });
        }
        var indexes = members.Select(m => m.ResidentIdIndex).ToList();
        if (indexes.Count > 0)
        {
            var registered = (await RegistryChecks.RegisteredIdsAsync(db, indexes, null, "edge household", ct)).Select(r => r.Index).ToHashSet(StringComparer.Ordinal);
            // Looked for across the county on purpose, like the registry's IDs: what is found outside the area counts as a probe.
            var found = await db.EdgeMembers.IgnoreQueryFilters().AsNoTracking().Where(m => indexes.Contains(m.ResidentIdIndex))
                .Select(m => new { m.ResidentIdIndex, m.CountyId, m.TownshipId, m.VillageId }).ToListAsync(ct);
            db.Probes?.Record(actor, found.Count(m => !actor.Scope.Covers(m.CountyId, m.TownshipId, m.VillageId)), "edge household");
            var watched = found.Select(m => m.ResidentIdIndex).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < request.Members.Count; i++)
            {
                if (ids[i] is not { } id) continue;
                var index = database.Protector.Index(id.Value);
                var who = new LocalText($"第{i + 1}名成员", $"Member {i + 1}");
                if (registered.Contains(index))
                    problems.Add(new Problem($"members[{i}].residentId", "edge.registered", new LocalText(
                        $"{who.Zh}：该身份证号码已在建档立卡系统中登记，请对其所在的建档立卡户纳入监测",
                        $"{who.En}: this resident ID is in the registry; enrol the registered household instead")));
                else if (watched.Contains(index))
                    problems.Add(new Problem($"members[{i}].residentId", "edge.watched", new LocalText(
                        $"{who.Zh}：该身份证号码已登记在其他监测户中", $"{who.En}: this resident ID is already in another watched household")));
            }
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        var numbers = await db.EdgeHouseholds.IgnoreQueryFilters().Where(h => h.VillageId == village.Id).Select(h => h.Number).ToListAsync(ct);
        var prefix = EdgeHouseholds.NumberOf(village.Code, 0)[..^3];
        var next = numbers.Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.Length == prefix.Length + 3)
            .Select(n => int.TryParse(n.AsSpan(prefix.Length), out var seq) ? seq : 0).DefaultIfEmpty(0).Max() + 1;
        var phone = RegistryMapping.NormalisePhone(request.Phone);
        var household = new EdgeHousehold
        {
            Id = Guid.CreateVersion7(), CountyId = village.CountyId, TownshipId = village.TownshipId, VillageId = village.Id,
            Number = EdgeHouseholds.NumberOf(village.Code, next), Kind = request.Kind, IncomePerHead = income,
            Address = string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim(),
            PhoneCipher = phone is null ? null : database.Protector.Protect(phone),
            Members = members, RecordedBy = actor.UserName, Version = 1,
        };
        foreach (var m in members) m.EdgeHouseholdId = household.Id;
        var c = new MonitoringCase
        {
            Id = Guid.CreateVersion7(), EdgeHouseholdId = household.Id, CountyId = village.CountyId, TownshipId = village.TownshipId, VillageId = village.Id,
            Risk = request.Risk, Reason = request.Reason.Trim(), EnrolledOn = enrolledOn, ReviewDue = reviewDue, RecordedBy = actor.UserName, Version = 1,
        };
        db.EdgeHouseholds.Add(household);
        db.MonitoringCases.Add(c);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText("该户成员刚被他人登记，请刷新后再试", "Someone else just recorded a member of this household; reload and try again"));
        }
        return new Enrolled(household.Id, household.Number, c.Id);
    }

    private static Money CheckIncome(decimal yuan, List<Problem> problems)
    {
        if (yuan != decimal.Round(yuan, 2) || yuan > 10_000_000m)
        {
            problems.Add(new Problem("incomePerHead", "edge.income", new LocalText($"人均纯收入应为不超过两位小数的金额，填写的是 {yuan}", $"The income per head is an amount with at most two decimals: {yuan}")));
            return Money.Zero;
        }
        return Money.FromYuan(yuan);
    }
}

internal static class EdgeHouseholdsOf
{
    public static NotFoundException NotFound() => new(new LocalText("找不到该监测户，或不在您的管辖范围内", "No such watched household in your area"));
}
