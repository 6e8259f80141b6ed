using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Notices;

namespace Tuopin.Application.Notices;

/// <summary>
/// Who answers an objection: the responsible unit — the project's township or line department, the village's township for
/// an exit list — and the county office for all. Inspectors and village officers read (the area filter limits what they see).
/// </summary>
public static class NoticesAccess
{
    public static bool CanAnswer(Actor actor, NoticeObjection o) => actor.Role switch
    {
        Role.CountyAdmin => true,
        Role.TownshipOfficer => o.TownshipId != Guid.Empty && o.TownshipId == actor.Scope.TownshipId,
        Role.LineDepartment => o.Department is { } d && d == actor.Department,
        _ => false,
    };

    public static void RequireAnswerer(Actor actor, NoticeObjection o)
    {
        if (!CanAnswer(actor, o))
            throw new ForbiddenException(actor.Role is Role.Inspector or Role.VillageOfficer
                ? new LocalText("公示异议由责任单位（乡镇、行业部门）或县扶贫办答复", "Objections are answered by the responsible township or department, or the county office")
                : new LocalText("该异议不由您的单位答复", "This objection is not your unit's to answer"));
    }
}
