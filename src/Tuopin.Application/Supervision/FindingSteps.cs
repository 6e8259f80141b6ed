using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>One step of a finding's rectification: the finding (in the actor's reach) at the version the user saw, the role's and the rule's consent.</summary>
internal static class FindingSteps
{
    public static async Task<Finding> OpenAsync(TuopinDb db, Actor actor, Guid id, int version, FindingAction action, CancellationToken ct)
    {
        var f = await SupervisionAccess.Findings(db, actor).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw SupervisionAccess.FindingNotFound();
        var department = await SupervisionAccess.UnitDepartmentAsync(db, f.ResponsibleUnitId, ct);
        var allowed = action is FindingAction.Close or FindingAction.Reopen ? SupervisionAccess.CanInspect(actor) : SupervisionAccess.CanRectify(actor, f, department);
        if (!allowed)
            throw new ForbiddenException(action is FindingAction.Close or FindingAction.Reopen
                ? new LocalText("整改销号和退回由督查人员或县扶贫办办理", "Inspectors and the county office close or reopen a rectification")
                : new LocalText("只有问题所在乡镇、村或责任部门可以整改", "Only the finding's township, village or responsible department rectifies it"));
        if (f.Version != version)
            throw new ConflictException(new LocalText("该问题已被他人修改，请重新打开后再保存", "Someone else changed this finding; reopen and save again"));
        if (SupervisionRules.Refusal(f.Status, action) is { } refusal)
            throw new InvalidRequestException([new Problem("status", "finding.status", refusal)]);
        db.Entry(f).Property(x => x.Version).OriginalValue = f.Version;
        return f;
    }

    public static async Task<int> SaveAsync(TuopinDb db, Finding f, FindingAction action, string reason, CancellationToken ct)
    {
        f.Status = SupervisionRules.Next(action);
        f.Version++;
        db.ChangeReason = reason;
        await db.SaveChangesAsync(ct);
        return f.Version;
    }
}
