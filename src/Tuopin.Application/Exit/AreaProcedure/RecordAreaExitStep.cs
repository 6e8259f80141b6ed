using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// Records the next step of an area's exit: the self-assessment (run from the records and kept as a
/// snapshot; refused when the unit is not ready, listing each failing condition), the application for
/// acceptance (refused after the deadline or with required evidence missing) and the acceptance result
/// (passed marks the area exited in the year; not passed starts a new round). Order, role, area and dates
/// are checked with the reason.
/// </summary>
public sealed class RecordAreaExitStep(Database database, AssessExit assess)
{
    public sealed record Request(Guid ProcedureId, AreaExitStep Step, DateOnly Date, string? Note, bool? Passed = null);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var p = await AreaExitFile.FindAsync(db, request.ProcedureId, track: true, ct);
        if (!Enum.IsDefined(request.Step) || request.Step == AreaExitStep.None)
            throw new InvalidRequestException([new Problem("step", "area_exit.step", new LocalText("没有这个步骤", "No such step"))]);
        var role = AreaExitRules.RoleFor(p.Level, request.Step);
        if (actor.Role != role)
            throw new ForbiddenException(new LocalText(
                $"{AreaExitRules.LevelName(p.Level).Zh}的“{AreaExitRules.Name(request.Step).Zh}”由{ProcedureRules.RoleName(role).Zh}办理",
                $"'{AreaExitRules.Name(request.Step).En}' of a {AreaExitRules.LevelName(p.Level).En.ToLowerInvariant()} is done by {ProcedureRules.RoleName(role).En}"));

        var today = database.Clock.Today();
        var last = await db.AreaExitSteps.AsNoTracking().Where(s => s.ProcedureId == p.Id).MaxAsync(s => (DateOnly?)s.Date, ct);
        var (deadline, _) = await AreaExitSettings.DeadlineAsync(db, p.CountyId, p.Year, ct);
        var problems = AreaExitRules.Check(p, request.Step, request.Date, today, last, deadline);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > 1000 })
            problems.Add(new Problem("note", "area_exit.note_long", new LocalText("说明超过 1000 个字符", "The note is longer than 1000 characters")));
        if (request.Step == AreaExitStep.Acceptance)
        {
            if (request.Passed is null)
                problems.Add(new Problem("passed", "area_exit.result_missing", new LocalText("请填写验收结果：通过或未通过", "Give the result: passed or not")));
            if (note is null)
                problems.Add(new Problem("note", "area_exit.note_missing", new LocalText("请填写验收意见", "Give the acceptance's note")));
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        string? snapshot = null;
        if (request.Step == AreaExitStep.SelfAssessment)
        {
            var level = (ExitLevel)(int)p.Level;
            var result = await assess.HandleAsync(new AssessExit.Request(p.Year, level,
                TownshipId: p.Level == AreaExitLevel.Township ? p.AreaId : null, VillageId: p.Level == AreaExitLevel.Village ? p.AreaId : null), ct);
            var unit = result.Units.FirstOrDefault(u => u.Id == p.AreaId)
                ?? throw new InvalidRequestException([new Problem("areaId", "area_exit.not_assessed", new LocalText("评估结果中没有这个村（乡镇、县）", "The assessment does not list this area"))]);
            if (!unit.Ready)
                throw new InvalidRequestException(unit.Failing.Select(c => new Problem($"conditions.{c.Rule}", "area_exit.not_ready", new LocalText(
                    $"未达到出列标准：{c.Name.Zh}（{c.Explanation.Zh}）", $"Does not meet the exit standard: {c.Name.En} ({c.Explanation.En})"))).ToList());
            var now = database.Clock.GetUtcNow().UtcDateTime;
            snapshot = AssessmentSnapshot.From(unit, p.Level, p.Year, result.PovertyLine, now).ToJson();
        }
        if (request.Step == AreaExitStep.Application)
        {
            var missing = AreaExitFile.MissingProblems(await AreaExitFile.ChecklistAsync(db, p, ct));
            if (missing.Count > 0) throw new InvalidRequestException(missing);
        }

        db.AreaExitSteps.Add(new AreaExitStepRecord
        {
            Id = Guid.CreateVersion7(), ProcedureId = p.Id, CountyId = p.CountyId, TownshipId = p.TownshipId, VillageId = p.VillageId,
            Round = p.Round, Step = request.Step, Date = request.Date, Note = note, Snapshot = snapshot,
            Passed = request.Step == AreaExitStep.Acceptance ? request.Passed : null,
            UserId = actor.UserId, ActorName = actor.UserName, ActorRole = actor.Role, RecordedAt = database.Clock.GetUtcNow().UtcDateTime,
        });
        p.Version++;
        if (request.Step == AreaExitStep.Acceptance && request.Passed == false)
        {
            // Not accepted: the area works on and assesses itself again (a new round).
            p.Round++;
            p.Stage = AreaExitStep.None;
        }
        else
        {
            p.Stage = request.Step;
            if (request.Step == AreaExitStep.Acceptance)
            {
                p.Exited = true;
                p.ExitedOn = request.Date;
            }
        }
        db.ChangeReason = note;
        await AreaExitFile.SaveAsync(db, ct);
    }
}
