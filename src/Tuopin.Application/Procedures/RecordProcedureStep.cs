using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Procedures;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Procedures;

/// <summary>
/// Records the next step of one or more households' exit procedures (a village's list goes through
/// each step together). Each is checked for order, role, area, date, notice period and objections;
/// if any is refused, none is recorded. The announcement marks each household exited in the
/// registry through <see cref="ChangeHouseholdStatus"/>; no earlier step touches the registry.
/// </summary>
public sealed class RecordProcedureStep(Database database, ChangeHouseholdStatus changeStatus)
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
        var today = DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);
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
            // One household at a time: its registry status, then its step, so that each household's
            // status and procedure agree even if a later one fails.
            foreach (var p in ids.Select(id => procedures[id]))
            {
                var household = numbers[p.HouseholdId];
                await changeStatus.HandleAsync(new ChangeHouseholdStatus.Request(
                    p.HouseholdId, household.Version, HouseholdStatus.Exited, p.Year, request.Date,
                    $"{p.Year}年脱贫退出：退出程序公告（{request.Date:yyyy-MM-dd}）"), ct);
                Advance(db, p, request, actor, now);
                await db.SaveChangesAsync(ct);
            }
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
