using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Plan;

/// <summary>
/// The county administrator changes the plan's targets, deadlines or responsible units: a new version
/// is stored with the list of what changed, and the change is audited. Refused when someone else saved a
/// version since the one edited (409), or when the edit breaks the plan's shape (400).
/// </summary>
public sealed class UpdatePlan(Database database)
{
    public sealed record Request(int BaseVersion, PlanDocument Plan, string? Reason);

    public sealed record Result(int Version, IReadOnlyList<string> Changes);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role != Role.CountyAdmin || actor.Scope.Level is not (AreaLevel.County or AreaLevel.Everything))
            throw new ForbiddenException(new LocalText("只有县级管理员可以修改减贫方案", "Only a county administrator may change the plan"));
        await using var db = database.Open();
        var current = await GetPlan.CurrentAsync(db, actor, ct)
            ?? throw new NotFoundException(new LocalText("尚未载入本县的减贫方案", "No plan has been loaded for the county"));
        if (current.Version != request.BaseVersion)
            throw new ConflictException(new LocalText($"方案已被他人修改（现为第{current.Version}版），请刷新后重做", $"Someone saved version {current.Version} of the plan meanwhile; reload and redo the change"));

        var problems = Validate(request.Plan);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var before = current.Parse();
        if (before.County.Code != request.Plan.County.Code)
            throw new InvalidRequestException([new Problem("county.code", "plan.county_changed", new LocalText("不能改变方案所属的县", "The plan's county cannot change"))]);
        var changes = Diff(before, request.Plan);
        if (changes.Count == 0)
            throw new InvalidRequestException([new Problem("plan", "plan.no_change", new LocalText("方案没有改动", "Nothing in the plan changed"))]);

        db.ChangeReason = request.Reason;
        var version = new PlanVersion
        {
            Id = Guid.CreateVersion7(),
            CountyId = current.CountyId,
            Version = current.Version + 1,
            Title = request.Plan.Title,
            Document = request.Plan.ToJson(),
            CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.UserName,
            Change = string.Join("\n", changes),
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
        };
        db.PlanVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText("方案已被他人修改，请刷新后重做", "Someone saved the plan meanwhile; reload and redo the change"));
        }
        return new Result(version.Version, changes);
    }

    private static List<Problem> Validate(PlanDocument plan)
    {
        var problems = new List<Problem>();
        void Negative(string field, long? value, string name)
        {
            if (value < 0) problems.Add(new Problem(field, "plan.negative", new LocalText($"{name}不能为负数", $"{name} cannot be negative")));
        }
        Negative("totals.households", plan.Totals.Households, "总户数");
        Negative("totals.people", plan.Totals.People, "总人数");
        foreach (var y in plan.Years)
        {
            Negative($"years.{y.Year}.households", y.Households, $"{y.Year}年户数");
            Negative($"years.{y.Year}.people", y.People, $"{y.Year}年人数");
        }
        foreach (var c in plan.Conditions.Where(c => c.Target is < 0 or > 100))
            problems.Add(new Problem($"conditions.{c.Id}.target", "plan.percent", new LocalText($"“{c.Name}”的目标应在0到100%之间", $"The target of '{c.Name}' must be between 0 and 100%")));
        foreach (var i in plan.Industries)
        {
            Negative($"industries.{i.Id}.mu", i.Mu, $"{i.Name}亩数");
            Negative($"industries.{i.Id}.scaleFarmers", i.ScaleFarmers, $"{i.Name}规模户数");
            Negative($"industries.{i.Id}.poorHouseholds", i.PoorHouseholds, $"{i.Name}带动贫困户数");
        }
        foreach (var t in plan.Training) Negative($"training.{t.Id}.count", t.Count, t.Name);
        foreach (var t in plan.Targets().Where(t => t.Responsible is { Length: > 100 }))
            problems.Add(new Problem($"{t.Key}.responsible", "plan.too_long", new LocalText($"“{t.Label}”的责任单位过长（最多100字）", $"The responsible unit of '{t.Label}' is too long (100 characters at most)")));
        return problems;
    }

    /// <summary>Every changed value, as "key.field: old → new", over the whole document.</summary>
    public static List<string> Diff(PlanDocument before, PlanDocument after)
    {
        var changes = new List<string>();
        Walk(JsonNode.Parse(before.ToJson()), JsonNode.Parse(after.ToJson()), string.Empty, changes);
        return changes;
    }

    private static void Walk(JsonNode? a, JsonNode? b, string path, List<string> changes)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                Walk(oa[key], ob[key], path.Length == 0 ? key : $"{path}.{key}", changes);
            return;
        }
        if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (var i = 0; i < aa.Count; i++)
                Walk(aa[i], ab[i], $"{path}.{Name(aa[i]) ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}", changes);
            return;
        }
        var left = a?.ToJsonString(PlanDocument.Json) ?? "—";
        var right = b?.ToJsonString(PlanDocument.Json) ?? "—";
        if (left != right) changes.Add($"{path}: {Short(left)} → {Short(right)}");
    }

    private static string? Name(JsonNode? node) => node is JsonObject o
        ? (o["id"] ?? o["year"] ?? o["name"])?.ToJsonString().Trim('"')
        : null;

    private static string Short(string json) => json.Length > 120 ? json[..117] + "…" : json.Trim('"');

}
