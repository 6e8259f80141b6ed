using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Who does what in the assistance work: village officers enter their households' cadres, measures and effects,
/// township and county officers enter and review, a line department enters and reads the measures of its own
/// kinds, inspectors read. The area rule is the registry's (checked again at save time).
/// </summary>
public static class AssistanceAccess
{
    public static bool CanWrite(Actor actor) => actor.CanWriteRegistry;

    public static bool CanReview(Actor actor) => actor.Role is Role.CountyAdmin or Role.TownshipOfficer;

    public static bool CanWriteMeasure(Actor actor, MeasureType type) =>
        actor.CanWriteRegistry || (actor.Role == Role.LineDepartment && actor.Department is { } d && Enum.IsDefined(type) && MeasureTypes.DepartmentOf(type) == d);

    /// <summary>The kinds of measure a role reads: all, or a line department's own.</summary>
    public static IReadOnlyList<MeasureType>? ReadableTypes(Actor actor) =>
        actor.Role == Role.LineDepartment ? actor.Department is { } d ? MeasureTypes.OfDepartment(d) : [] : null;

    public static IQueryable<Measure> Readable(IQueryable<Measure> measures, Actor actor) =>
        ReadableTypes(actor) is { } types ? measures.Where(m => types.Contains(m.Type)) : measures;

    public static void RequireWriter(Actor actor)
    {
        if (!CanWrite(actor))
            throw new ForbiddenException(new LocalText("当前角色不能修改帮扶数据", "This role may not change assistance records"));
    }

    public static void RequireReviewer(Actor actor)
    {
        if (!CanReview(actor))
            throw new ForbiddenException(new LocalText("只有县、乡镇扶贫办可以审核帮扶措施", "Only the county and township offices review measures"));
    }

    public static NotFoundException CadreNotFound() => new(new LocalText("找不到该帮扶责任人", "No such cadre"));

    /// <summary>A cadre of the actor's county (cadres are county-wide: filtered by the query filter on their county alone, <see cref="ICountyBound"/>).</summary>
    public static async Task<Cadre> CadreInCountyAsync(TuopinDb db, Actor actor, Guid id, CancellationToken ct) =>
        await CadresOf(db, actor).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw CadreNotFound();

    /// <summary>The cadres of the actor's county: the county is the query filter's (<see cref="ICountyBound"/>).</summary>
    public static IQueryable<Cadre> CadresOf(TuopinDb db, Actor actor)
    {
        db.RequireScopeOf(actor);
        return db.Cadres;
    }

    /// <summary>The villages of the actor's area (<see cref="Places.ListPlaces.InArea"/>).</summary>
    public static IQueryable<Domain.Places.Village> VillagesOf(TuopinDb db, Actor actor) => Places.ListPlaces.InArea(db, actor);

    public const string CadreLoadLimitKey = "assistance.cadre_load_limit";

    public static async Task<int> CadreLoadLimitAsync(TuopinDb db, CancellationToken ct)
    {
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == CadreLoadLimitKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? limit : AssistanceRules.DefaultCadreLoadLimit;
    }
}
