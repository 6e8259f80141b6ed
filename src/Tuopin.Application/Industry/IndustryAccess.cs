using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Industry;

namespace Tuopin.Application.Industry;

/// <summary>
/// Who does what in the industry work (产业扶贫): the county and township offices and the agriculture department
/// register market entities (the county's records); village, township and county officers record their area's
/// households' participation (the area rule is the registry's, checked again at save time); everyone who reads the
/// registry reads (inspectors, line departments). The plan's industries are the current plan's. A market entity is the
/// county's (<see cref="ICountyBound"/>): the query filter keeps each county's to its own users, and the save-time guard refuses
/// a write of another county's.
/// </summary>
public static class IndustryAccess
{
    public static bool CanRegisterEntity(Actor actor) =>
        actor.Role is Role.CountyAdmin or Role.TownshipOfficer || (actor.Role == Role.LineDepartment && actor.Department == Department.Agriculture);

    public static bool CanRecord(Actor actor) => actor.CanWriteRegistry;

    public static void RequireEntityRegistrar(Actor actor)
    {
        if (!CanRegisterEntity(actor))
            throw new ForbiddenException(new LocalText("只有县、乡镇扶贫办和农业部门可以登记市场主体", "Only the county and township offices and the agriculture department register market entities"));
    }

    public static void RequireRecorder(Actor actor)
    {
        if (!CanRecord(actor))
            throw new ForbiddenException(new LocalText("当前角色不能录入产业帮扶", "This role may not record industry participation"));
    }

    /// <summary>The current plan's industries (empty when no plan is loaded).</summary>
    public static async Task<IReadOnlyList<IndustryTarget>> PlanIndustriesAsync(TuopinDb db, Actor actor, CancellationToken ct) =>
        (await GetPlan.CurrentAsync(db, actor, ct))?.Parse().Industries ?? [];

    public static IReadOnlyList<IndustryDefinition> Definitions(IEnumerable<IndustryTarget> industries) =>
        industries.Select(i => new IndustryDefinition(i.Id, i.Parts ?? [])).ToList();

    public static LocalText UnknownIndustry(string id) =>
        new($"减贫方案中没有产业“{id}”", $"The plan has no industry \"{id}\"");

    public static NotFoundException EntityNotFound() => new(new LocalText("找不到该市场主体", "No such market entity"));

    public static NotFoundException ParticipationNotFound() => new(new LocalText("找不到该产业帮扶记录", "No such industry participation"));
}
