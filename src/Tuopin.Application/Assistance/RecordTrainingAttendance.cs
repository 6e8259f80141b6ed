using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Records who attended a course, all or nothing: members of registered households (by member, placed in their
/// household's village) or other people by name and village (a village cadre, a cooperative's member). Each
/// attendee is checked (in the user's area, not already on the course) and a refusal names its row.
/// </summary>
public sealed class RecordTrainingAttendance(Database database)
{
    public sealed record Attendee(Guid? MemberId = null, Guid? VillageId = null, string? Name = null, bool Completed = true);

    public sealed record Request(Guid CourseId, IReadOnlyList<Attendee> Attendees);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        AssistanceAccess.RequireWriter(actor);
        await using var db = database.Open();
        var course = await TrainingCourses.OfCounty(db, actor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CourseId, ct) ?? throw TrainingCourses.NotFound();
        if (request.Attendees.Count == 0)
            throw new InvalidRequestException([new Problem("attendees", "training.attendees", new LocalText("请至少填写一名参训人员", "Name at least one attendee"))]);
        var memberIds = request.Attendees.Where(a => a.MemberId is not null).Select(a => a.MemberId!.Value).ToList();
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id) && m.Household!.Status != HouseholdStatus.Removed)
            .Select(m => new { m.Id, m.Name, m.HouseholdId, m.Household!.CountyId, m.Household.TownshipId, m.Household.VillageId })
            .ToDictionaryAsync(m => m.Id, ct);
        var villageIds = request.Attendees.Where(a => a.MemberId is null && a.VillageId is not null).Select(a => a.VillageId!.Value).Distinct().ToList();
        var villages = await AssistanceAccess.VillagesOf(db, actor).Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var already = (await db.TrainingAttendances.AsNoTracking().Where(a => a.CourseId == course.Id)
            .Select(a => new { a.MemberId, a.PersonName, a.VillageId }).ToListAsync(ct))
            .Select(a => TrainingKinds.PersonKey(a.MemberId, a.PersonName, a.VillageId)).ToHashSet(StringComparer.Ordinal);

        var problems = new List<Problem>();
        var rows = new List<TrainingAttendance>();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < request.Attendees.Count; i++)
        {
            var a = request.Attendees[i];
            var at = $"attendees[{i}]";
            var row = new LocalText($"第{i + 1}名参训人员", $"Attendee {i + 1}");
            TrainingAttendance? record = null;
            if (a.MemberId is { } memberId)
            {
                if (!members.TryGetValue(memberId, out var m))
                    problems.Add(new Problem(at + ".memberId", "training.member", new LocalText($"{row.Zh}：找不到该成员，或不在您的管辖范围内", $"{row.En}: no such member in your area")));
                else
                    record = new TrainingAttendance { CountyId = m.CountyId, TownshipId = m.TownshipId, VillageId = m.VillageId, HouseholdId = m.HouseholdId, MemberId = m.Id, PersonName = m.Name, RecordedBy = actor.UserName };
            }
            else
            {
                var name = a.Name?.Trim() ?? string.Empty;
                if (name.Length is 0 or > 50)
                    problems.Add(new Problem(at + ".name", "training.name", new LocalText($"{row.Zh}：请填写姓名（不超过50个字）", $"{row.En}: give a name of at most 50 characters")));
                else if (a.VillageId is not { } vid || !villages.TryGetValue(vid, out var v))
                    problems.Add(new Problem(at + ".villageId", "training.village", new LocalText($"{row.Zh}：请选择您管辖范围内的村", $"{row.En}: choose a village in your area")));
                else
                    record = new TrainingAttendance { CountyId = v.CountyId, TownshipId = v.TownshipId, VillageId = v.Id, PersonName = name, RecordedBy = actor.UserName };
            }
            if (record is null) continue;
            if (!already.Add(TrainingKinds.PersonKey(record.MemberId, record.PersonName, record.VillageId)))
            {
                problems.Add(new Problem(at, "training.duplicate", new LocalText($"{row.Zh}：{record.PersonName} 已登记在本培训班", $"{row.En}: {record.PersonName} is already on this course")));
                continue;
            }
            record.Id = Guid.CreateVersion7();
            record.CourseId = course.Id;
            record.Completed = a.Completed;
            record.RecordedAt = now;
            rows.Add(record);
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.TrainingAttendances.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }
}
