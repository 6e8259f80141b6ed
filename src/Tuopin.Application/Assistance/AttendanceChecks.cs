using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

/// <summary>
/// The checks of each attendee of a course, written once for the form and API (<see cref="RecordTrainingAttendance"/>)
/// and the list import (<see cref="ImportTrainingAttendance"/>): a member of a registered household in the user's area
/// (placed in the household's village), or another person with a name (<see cref="TrainingAttendance.NameFault"/>) in a
/// village of the user's area; nobody twice on the course, whether already recorded or twice in the same request.
/// Each caller names its rows its own way (第2名参训人员, 第 3 行).
/// </summary>
internal sealed class AttendanceChecks
{
    /// <summary>A refusal of one attendee: the attendee's field (<c>memberId</c>, <c>name</c>, <c>villageId</c>, or empty for the person as a whole).</summary>
    public sealed record Fault(string Field, string Code, LocalText Reason);

    private sealed record MemberPlace(Guid Id, string Name, Guid HouseholdId, Guid CountyId, Guid TownshipId, Guid VillageId);

    private readonly TrainingCourse _course;
    private readonly Dictionary<Guid, MemberPlace> _members;
    private readonly Dictionary<Guid, Domain.Places.Village> _villages;
    private readonly HashSet<string> _stored;

    private AttendanceChecks(TrainingCourse course, Dictionary<Guid, MemberPlace> members, Dictionary<Guid, Domain.Places.Village> villages, HashSet<string> stored) =>
        (_course, _members, _villages, _stored) = (course, members, villages, stored);

    /// <summary>A course of the actor's county (404 otherwise).</summary>
    public static async Task<TrainingCourse> CourseAsync(TuopinDb db, Actor actor, Guid courseId, CancellationToken ct) =>
        await TrainingCourses.OfCounty(db, actor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, ct) ?? throw TrainingCourses.NotFound();

    /// <summary>What the attendees' checks need, in three queries.</summary>
    public static async Task<AttendanceChecks> LoadAsync(TuopinDb db, Actor actor, TrainingCourse course, IReadOnlyList<RecordTrainingAttendance.Attendee> attendees, CancellationToken ct)
    {
        var memberIds = attendees.Where(a => a.MemberId is not null).Select(a => a.MemberId!.Value).Distinct().ToList();
        // The area filter applies to members: one outside the user's area is not found, exactly like a missing one.
        var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id) && m.Household!.Status != HouseholdStatus.Removed)
            .Select(m => new MemberPlace(m.Id, m.Name, m.HouseholdId, m.Household!.CountyId, m.Household.TownshipId, m.Household.VillageId))
            .ToDictionaryAsync(m => m.Id, ct);
        var villageIds = attendees.Where(a => a.MemberId is null && a.VillageId is not null).Select(a => a.VillageId!.Value).Distinct().ToList();
        var villages = await AssistanceAccess.VillagesOf(db, actor).Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var stored = (await db.TrainingAttendances.AsNoTracking().Where(a => a.CourseId == course.Id)
            .Select(a => new { a.MemberId, a.PersonName, a.VillageId }).ToListAsync(ct))
            .Select(a => TrainingKinds.PersonKey(a.MemberId, a.PersonName, a.VillageId)).ToHashSet(StringComparer.Ordinal);
        return new AttendanceChecks(course, members, villages, stored);
    }

    /// <summary>
    /// The attendances to store, in order, when every attendee passes; each refusal is given to <paramref name="refuse"/>
    /// with the attendee's index, and <paramref name="whereOf"/> names an earlier attendee that one repeats.
    /// </summary>
    public List<TrainingAttendance> Check(IReadOnlyList<RecordTrainingAttendance.Attendee> attendees, Func<int, LocalText> whereOf, Action<int, Fault> refuse,
        string recordedBy, DateTime now)
    {
        var records = new List<TrainingAttendance>();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < attendees.Count; i++)
        {
            var a = attendees[i];
            TrainingAttendance? record = null;
            if (a.MemberId is { } memberId)
            {
                if (!_members.TryGetValue(memberId, out var m))
                    refuse(i, new Fault("memberId", "training.member", new LocalText("找不到该成员，或不在您的管辖范围内", "no such member in your area")));
                else
                    record = new TrainingAttendance { CountyId = m.CountyId, TownshipId = m.TownshipId, VillageId = m.VillageId, HouseholdId = m.HouseholdId, MemberId = m.Id, PersonName = m.Name, RecordedBy = recordedBy };
            }
            else if (TrainingAttendance.NameFault(a.Name) is { } nameFault)
                refuse(i, new Fault("name", "training.name", nameFault));
            else if (a.VillageId is not { } vid || !_villages.TryGetValue(vid, out var v))
                refuse(i, new Fault("villageId", "training.village", new LocalText("请选择您管辖范围内的村", "choose a village in your area")));
            else
                record = new TrainingAttendance { CountyId = v.CountyId, TownshipId = v.TownshipId, VillageId = v.Id, PersonName = a.Name!.Trim(), RecordedBy = recordedBy };
            if (record is null) continue;
            var key = TrainingKinds.PersonKey(record.MemberId, record.PersonName, record.VillageId);
            if (_stored.Contains(key))
            {
                refuse(i, new Fault("", "training.duplicate", new LocalText($"{record.PersonName} 已登记在本培训班", $"{record.PersonName} is already on this course")));
                continue;
            }
            if (first.TryGetValue(key, out var earlier))
            {
                var where = whereOf(earlier);
                refuse(i, new Fault("", "training.duplicate", new LocalText($"{record.PersonName} 与{where.Zh}重复", $"{record.PersonName} repeats {where.En}")));
                continue;
            }
            first[key] = i;
            record.Id = Guid.CreateVersion7();
            record.CourseId = _course.Id;
            record.Completed = a.Completed;
            record.RecordedAt = now;
            records.Add(record);
        }
        return records;
    }
}
