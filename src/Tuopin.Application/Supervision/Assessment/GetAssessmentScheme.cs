using System.Text.Json;
using System.Text.Json.Serialization;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// The county's annual assessment scheme (年度考核方案) as it stands: the stored setting (<see cref="AssessmentScheme.Key"/>)
/// or Laifeng's default while unset, the figures an indicator may read, and whether this user sets it. Whoever reads the
/// assessment reads its scheme.
/// </summary>
public sealed class GetAssessmentScheme(Database database)
{
    public sealed record Source(string Code, LocalText Name, bool Percent, IReadOnlyList<AssessedKind> For, LocalText Counted);

    public sealed record Result(IReadOnlyList<AssessmentIndicator> Indicators, bool IsDefault, IReadOnlyList<Source> Sources, bool CanSet);

    public async Task<Result> HandleAsync(CancellationToken ct = default)
    {
        AssessmentAccess.RequireReader(database.Actor);
        await using var db = database.Open();
        return await ReadAsync(db, database.Actor, ct);
    }

    internal static async Task<Result> ReadAsync(TuopinDb db, Actor actor, CancellationToken ct)
    {
        var (scheme, isDefault) = await AssessmentAccess.SchemeAsync(db, ct);
        return new Result(scheme.Indicators, isDefault,
            AssessmentScheme.Sources.Select(s => new Source(s.Code, s.Name, s.Percent, s.For, s.Counted)).ToList(), AssessmentAccess.CanSet(actor));
    }
}

/// <summary>
/// Who reads the annual assessment and who sets its scheme: the county office and inspectors read everything; a township
/// officer reads the ranking and the detail of their own township; a line department the ranking and the detail of its own
/// department; a village officer nothing. Only the county administrator sets the scheme.
/// </summary>
public static class AssessmentAccess
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static bool CountyLevel(Actor actor) => actor.Scope.Level is AreaLevel.Everything or AreaLevel.County && actor.Role is Role.CountyAdmin or Role.Inspector;

    public static bool CanRead(Actor actor) => CountyLevel(actor)
        || actor.Role == Role.TownshipOfficer && actor.Scope.TownshipId is not null
        || actor.Role == Role.LineDepartment;

    public static bool CanSet(Actor actor) => actor.Role == Role.CountyAdmin && actor.Scope.Level is AreaLevel.Everything or AreaLevel.County;

    public static void RequireReader(Actor actor)
    {
        if (!CanRead(actor))
            throw new ForbiddenException(new LocalText("年度考核由县、乡镇、县直部门和督查人员查看；村级不能查看", "The annual assessment is read by the county, townships, departments and inspectors, not by villages"));
    }

    public static void RequireSetter(Actor actor)
    {
        if (!CanSet(actor))
            throw new ForbiddenException(new LocalText("只有县级管理员可以设置考核方案", "Only a county administrator sets the assessment scheme"));
    }

    /// <summary>Whether the actor reads the indicators of a township (by id) or of a department unit (by its department).</summary>
    public static bool SeesDetail(Actor actor, AssessedKind kind, Guid unitId, Department? department) => CountyLevel(actor) || kind switch
    {
        AssessedKind.Township => actor.Role == Role.TownshipOfficer && actor.Scope.TownshipId == unitId,
        _ => actor.Role == Role.LineDepartment && actor.Department is { } d && department == d,
    };

    internal static async Task<(AssessmentScheme Scheme, bool IsDefault)> SchemeAsync(TuopinDb db, CancellationToken ct)
    {
        var text = await StoredSettings.GetAsync(db, AssessmentScheme.Key, ct);
        if (string.IsNullOrWhiteSpace(text)) return (AssessmentScheme.Default, true);
        var indicators = JsonSerializer.Deserialize<List<AssessmentIndicator>>(text, Json);
        return indicators is { Count: > 0 } ? (new AssessmentScheme(indicators), false) : (AssessmentScheme.Default, true);
    }

    internal static string Write(AssessmentScheme scheme) => JsonSerializer.Serialize(scheme.Indicators, Json);
}
