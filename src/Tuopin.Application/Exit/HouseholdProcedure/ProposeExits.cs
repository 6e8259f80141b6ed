using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

/// <summary>
/// A village proposes its list of households to exit this year (拟退出户名单), all at once: every
/// household gets its procedure, started by the proposal step. Nothing is stored if any household is refused.
/// </summary>
public sealed class ProposeExits(Database database)
{
    public sealed record Request(Guid VillageId, int Year, DateOnly Date, IReadOnlyList<Guid> HouseholdIds, string? Note);

    public sealed record Result(Guid BatchId, IReadOnlyList<Guid> ProcedureIds);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role != ProcedureRules.RoleFor(ProcedureStep.Proposal))
            throw new ForbiddenException(new LocalText(
                $"拟退出户由{ProcedureRules.RoleName(Role.VillageOfficer).Zh}提名", $"Households are proposed for exit by {ProcedureRules.RoleName(Role.VillageOfficer).En}"));
        await using var db = database.Open();
        var village = await db.Villages.AsNoTracking().Where(v => v.Id == request.VillageId).Select(v => new { v.Id, v.TownshipId, v.Township!.CountyId }).FirstOrDefaultAsync(ct);
        if (village is null || !actor.Scope.Covers(village.CountyId, village.TownshipId, village.Id))
            throw new NotFoundException(new LocalText("没有这个村，或不在您的管辖范围内", "No such village in your area"));
        var problems = new List<Problem>();
        var ids = request.HouseholdIds.Distinct().ToList();
        if (ids.Count == 0)
            problems.Add(new Problem("householdIds", "procedure.empty_list", new LocalText("拟退出户名单是空的", "The list of households is empty")));
        if (request.Year < 2014 || request.Year > 2100)
            problems.Add(new Problem("year", "procedure.year_invalid", new LocalText($"退出年度 {request.Year} 不正确", $"The exit year {request.Year} is not valid")));
        var today = database.Clock.Today();
        if (request.Date > today)
            problems.Add(new Problem("date", "procedure.date_future", new LocalText("日期不能晚于今天", "The date cannot be in the future")));
        if (request.Date.Year > request.Year)
            problems.Add(new Problem("date", "procedure.proposal_after_year", new LocalText($"提名日期晚于退出年度 {request.Year}", $"The proposal is dated after the exit year {request.Year}")));

        // The area filter hides households outside the actor's area: they are "not found", like missing ones.
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.Status }).ToDictionaryAsync(h => h.Id, ct);
        var open = await db.ExitProcedures.AsNoTracking().Where(p => ids.Contains(p.HouseholdId) && (p.Year == request.Year || (!p.Withdrawn && p.Stage != ProcedureStep.Announcement)))
            .Select(p => new { p.HouseholdId, p.Year }).ToListAsync(ct);
        for (var i = 0; i < ids.Count; i++)
        {
            var field = $"householdIds[{i}]";
            if (!households.TryGetValue(ids[i], out var h))
            {
                problems.Add(new Problem(field, "procedure.household_not_found", new LocalText("没有这一户，或不在您的管辖范围内", "No such household in your area")));
                continue;
            }
            if (h.VillageId != request.VillageId)
                problems.Add(new Problem(field, "procedure.other_village", new LocalText($"{h.Number} 不属于本村", $"{h.Number} is not in this village")));
            if (HouseholdStatusRules.CheckTransition(h.Status, HouseholdStatus.Exited) is not null)
                problems.Add(new Problem(field, "procedure.not_poor", new LocalText($"{h.Number} 的状态不是未脱贫或返贫，不能提名退出", $"{h.Number} is not a poor household now and cannot be proposed")));
            if (open.FirstOrDefault(o => o.HouseholdId == h.Id) is { } o)
                problems.Add(new Problem(field, "procedure.already_open", new LocalText(
                    $"{h.Number} 已在 {o.Year} 年退出程序中", $"{h.Number} already has an exit procedure for {o.Year}")));
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        var batch = Guid.CreateVersion7();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var result = new List<Guid>();
        foreach (var id in ids)
        {
            var h = households[id];
            var procedure = new ExitProcedure
            {
                Id = Guid.CreateVersion7(), HouseholdId = h.Id, CountyId = h.CountyId, TownshipId = h.TownshipId, VillageId = h.VillageId,
                Year = request.Year, BatchId = batch, Stage = ProcedureStep.Proposal,
            };
            db.ExitProcedures.Add(procedure);
            db.ProcedureSteps.Add(StepRecords.New(procedure, ProcedureStep.Proposal, request.Date, request.Note, actor, now));
            result.Add(procedure.Id);
        }
        db.ChangeReason = request.Note;
        await db.SaveChangesAsync(ct);
        return new Result(batch, result);
    }
}

internal static class StepRecords
{
    public static ProcedureStepRecord New(ExitProcedure p, ProcedureStep step, DateOnly date, string? note, Accounts.Actor actor, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), ProcedureId = p.Id, HouseholdId = p.HouseholdId,
        CountyId = p.CountyId, TownshipId = p.TownshipId, VillageId = p.VillageId,
        Step = step, Date = date, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        UserId = actor.UserId, ActorName = actor.UserName, ActorRole = actor.Role, RecordedAt = now,
    };
}
