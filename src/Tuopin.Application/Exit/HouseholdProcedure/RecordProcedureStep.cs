using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

/// <summary>
/// Records the next step of one or more households' exit procedures (a village's list goes through
/// each step together). Each is checked for order, role, area, date, notice period and objections;
/// if any is refused, none is recorded. The announcement marks each household exited in the
/// registry by <see cref="ChangeHouseholdStatus"/>'s rules, in the same save as the step; no earlier step touches the registry.
/// </summary>
public sealed class RecordProcedureStep(Database database)
{
    public sealed record Request(IReadOnlyList<Guid> ProcedureIds, ProcedureStep Step, DateOnly Date, string? Note);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        var role = ProcedureRules.RoleFor(request.Step);
        if (actor.Role != role)
            throw new ForbiddenException(new LocalText(
                $"“{ProcedureRules.Name(request.Step).Zh}”由{ProcedureRules.RoleName(role).Zh}办理",
                $"'{ProcedureRules.Name(request.Step).En}' is done by {ProcedureRules.RoleName(role).En}"));
        var ids = request.ProcedureIds.Distinct().ToList();
        if (ids.Count == 0)
            throw new InvalidRequestException([new Problem("procedureIds", "procedure.empty_list", new LocalText("没有选择任何户", "No household is selected"))]);

        await using var db = database.Open();
        var procedures = await db.ExitProcedures.Include(p => p.Objections).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var lastDates = await db.ProcedureSteps.AsNoTracking().Where(s => ids.Contains(s.ProcedureId))
            .GroupBy(s => s.ProcedureId).Select(g => new { g.Key, Last = g.Max(s => s.Date) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var householdIds = procedures.Values.Select(p => p.HouseholdId).ToList();
        var numbers = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.Number, h.Version }).ToDictionaryAsync(h => h.Id, ct);
        var today = database.Clock.Today();
        var problems = new List<Problem>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!procedures.TryGetValue(ids[i], out var p) || !actor.Scope.Covers(p.CountyId, p.TownshipId, p.VillageId))
            {
                problems.Add(new Problem($"procedureIds[{i}]", "procedure.not_found", new LocalText("没有这个退出程序，或该户不在您的管辖范围内", "No such procedure in your area")));
                continue;
            }
            var number = numbers.TryGetValue(p.HouseholdId, out var n) ? n.Number : p.HouseholdId.ToString();
            foreach (var problem in ProcedureRules.Check(p, request.Step, request.Date, today, lastDates.GetValueOrDefault(p.Id)))
                problems.Add(problem with
                {
                    Field = $"procedureIds[{i}].{problem.Field}",
                    Message = new LocalText($"{number}：{problem.Message.Zh}", $"{number}: {problem.Message.En}"),
                });
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        var now = database.Clock.GetUtcNow().UtcDateTime;
        if (request.Step == ProcedureStep.Announcement)
        {
            // The whole list in one save: each household's status and exit event with its step, so that the
            // registry and the procedures agree, and a refusal of any one stores nothing.
            var households = await db.Households.Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
            for (var i = 0; i < ids.Count; i++)
            {
                var p = procedures[ids[i]];
                var household = households[p.HouseholdId];
                var change = new ChangeHouseholdStatus.Request(p.HouseholdId, household.Version, HouseholdStatus.Exited, p.Year, request.Date,
                    $"{p.Year}年脱贫退出：退出程序公告（{request.Date:yyyy-MM-dd}）");
                foreach (var problem in await ChangeHouseholdStatus.ApplyAsync(db, household, change, today, ct))
                    problems.Add(problem with
                    {
                        Field = $"procedureIds[{i}].{problem.Field}",
                        Message = new LocalText($"{household.Number}：{problem.Message.Zh}", $"{household.Number}: {problem.Message.En}"),
                    });
                Advance(db, p, request, actor, now);
            }
            if (problems.Count > 0) throw new InvalidRequestException(problems);
            db.ChangeReason = request.Note ?? $"退出程序公告（{request.Date:yyyy-MM-dd}）";
            await db.SaveChangesAsync(ct);
            return;
        }
        var noticeDays = await ProcedureSettings.NoticeDaysAsync(db, ct);
        foreach (var p in procedures.Values)
        {
            Advance(db, p, request, actor, now);
            if (request.Step == ProcedureStep.PublicNotice) p.NoticeEndsOn = ProcedureRules.NoticeEnds(request.Date, noticeDays);
        }
        db.ChangeReason = request.Note;
        await db.SaveChangesAsync(ct);
    }

    private static void Advance(TuopinDb db, ExitProcedure p, Request request, Accounts.Actor actor, DateTime now)
    {
        p.Stage = request.Step;
        p.Version++;
        db.ProcedureSteps.Add(StepRecords.New(p, request.Step, request.Date, request.Note, actor, now));
    }
}
