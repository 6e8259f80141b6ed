using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Records who attended a course, all or nothing: members of registered households (by member, placed in their
/// household's village) or other people by name and village (a village cadre, a cooperative's member). Each
/// attendee is checked (in the user's area, not already on the course: <see cref="AttendanceChecks"/>, the list import's
/// checks too) and a refusal names its row.
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
        var course = await AttendanceChecks.CourseAsync(db, actor, request.CourseId, ct);
        if (request.Attendees.Count == 0)
            throw new InvalidRequestException([new Problem("attendees", "training.attendees", new LocalText("请至少填写一名参训人员", "Name at least one attendee"))]);
        var checks = await AttendanceChecks.LoadAsync(db, actor, course, request.Attendees, ct);
        static LocalText Row(int i) => new($"第{i + 1}名参训人员", $"attendee {i + 1}");
        var problems = new List<Problem>();
        var rows = checks.Check(request.Attendees, Row, (i, fault) =>
        {
            var row = Row(i);
            problems.Add(new Problem(fault.Field.Length == 0 ? $"attendees[{i}]" : $"attendees[{i}].{fault.Field}", fault.Code,
                new LocalText($"{row.Zh}：{fault.Reason.Zh}", $"{char.ToUpperInvariant(row.En[0])}{row.En[1..]}: {fault.Reason.En}")));
        }, actor.UserName, database.Clock.GetUtcNow().UtcDateTime);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.TrainingAttendances.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }
}
