using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;

namespace Tuopin.Application.Housing;

/// <summary>
/// Who takes which step of a housing case (<see cref="AssistanceAccess"/>): village officers (and the township and county)
/// apply and record the start of construction for their own area's households; the township and county offices approve,
/// accept and pay; an application not yet approved may be withdrawn by whoever may apply, a later case cancelled only by a
/// reviewer. Inspectors and line departments read. The area rule is the registry's: a case outside the area is not found.
/// </summary>
public static class HousingCaseAccess
{
    public static bool CanApply(Actor actor) => AssistanceAccess.CanWrite(actor);

    public static bool CanTake(Actor actor, HousingAction action, HousingStep step) => action switch
    {
        HousingAction.StartConstruction => AssistanceAccess.CanWrite(actor),
        HousingAction.Cancel => AssistanceAccess.CanReview(actor) || (step == HousingStep.Applied && AssistanceAccess.CanWrite(actor)),
        _ => AssistanceAccess.CanReview(actor),
    };

    /// <summary>The actions the actor may take on a case now: the rule's, limited by the role.</summary>
    public static IReadOnlyList<HousingAction> AllowedFor(Actor actor, HousingStep step, AcceptanceResult? lastAcceptance) =>
        HousingCases.Allowed(step, lastAcceptance).Where(a => CanTake(actor, a, step)).ToList();

    public static void Require(Actor actor, HousingAction action, HousingStep step)
    {
        if (CanTake(actor, action, step)) return;
        var name = HousingCases.Actions.Name(action);
        throw new ForbiddenException(action == HousingAction.StartConstruction || !AssistanceAccess.CanWrite(actor)
            ? new LocalText($"当前角色不能{name.Zh}住房项目", $"This role may not {name.En.ToLowerInvariant()} a housing case")
            : new LocalText($"住房项目的{name.Zh}由县、乡镇扶贫办办理", $"The county and township offices {name.En.ToLowerInvariant()} housing cases"));
    }

    public static NotFoundException NotFound() => new(new LocalText("找不到该住房项目", "No such housing case"));
}

/// <summary>One step of a case: the case at the version the user saw, the rule's and the role's consent, and its measure kept in step.</summary>
internal static class HousingCaseSteps
{

    /// <summary>The case (in the actor's area) at the version the user saw, if the actor may take the action and the rule allows it now.</summary>
    public static async Task<HousingCase> OpenAsync(TuopinDb db, Actor actor, Guid id, int version, HousingAction action, CancellationToken ct)
    {
        var c = await db.HousingCases.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw HousingCaseAccess.NotFound();
        HousingCaseAccess.Require(actor, action, c.Step);
        if (c.Version != version)
            throw new ConflictException(new LocalText("该住房项目已被他人修改，请重新打开后再保存", "Someone else changed this housing case; reopen and save again"));
        if (HousingCases.Refusal(c.Step, action, c.AcceptanceResult) is { } refusal)
            throw new InvalidRequestException([new Problem("step", "housing.step", refusal)]);
        db.Entry(c).Property(x => x.Version).OriginalValue = c.Version;
        return c;
    }

    /// <summary>Moves the case to its next step and keeps its household measure in step with it; then saves, in one transaction.</summary>
    public static async Task<int> SaveAsync(TuopinDb db, HousingCase c, HousingStep step, string reason, CancellationToken ct)
    {
        c.Step = step;
        c.Version++;
        var measure = await db.Measures.FirstOrDefaultAsync(m => m.Id == c.MeasureId, ct);
        if (measure is not null)
        {
            db.Entry(measure).Property(m => m.Version).OriginalValue = measure.Version;
            measure.Version++;
            measure.Status = HousingCases.MeasureStatusOf(step);
            measure.Amount = c.PaidAmount ?? c.Amount ?? measure.Amount;
            measure.DoneOn = step == HousingStep.Paid ? c.PaidOn : null;
            measure.EffectNote = step == HousingStep.Paid ? HousingCases.PaidEffect : null;
            measure.ReviewedBy = null;
            measure.ReviewedAt = null;
        }
        db.ChangeReason = reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该住房项目刚被他人保存，请重新打开后再保存", "Someone else saved this housing case just now; reopen and save again"));
        }
        return c.Version;
    }

    public static void ThrowIf(List<Problem> problems)
    {
        if (problems.Count > 0) throw new InvalidRequestException(problems);
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
