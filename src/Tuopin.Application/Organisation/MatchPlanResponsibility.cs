using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Organisation;

namespace Tuopin.Application.Organisation;

/// <summary>
/// Matches the responsible unit of every target of the plan in force (its free text, e.g. 基础建设组（县交通运输局）) to
/// the county's units, by name or alias exactly, or by the plan's words for a whole level (各乡镇人民政府); names no unit
/// answers to are listed with their target, never guessed. With <see cref="Request.Record"/> (the county administrator)
/// the matches replace the recorded ones, so that progress, the plan pages and the unit pages show the units; the plan
/// keeps its words.
/// </summary>
public sealed class MatchPlanResponsibility(Database database)
{
    public sealed record Request(bool Record = false);

    public sealed record Target(string Key, string Label, string? Section, string? Responsible);

    public sealed record MatchedUnit(string Text, Guid? UnitId, string Name, UnitKind? AllOfKind);

    public sealed record Row(string Key, string Label, string? Section, string? Responsible, IReadOnlyList<MatchedUnit> Units, IReadOnlyList<string> Unknown);

    public sealed record Result(int PlanVersion, int Targets, int Matched, IReadOnlyList<Row> Rows, bool Recorded)
    {
        /// <summary>The targets with a name no unit answers to (or no responsible unit at all).</summary>
        public IReadOnlyList<Row> Unmatched => Rows.Where(r => r.Unknown.Count > 0 || r.Units.Count == 0).ToList();
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (request.Record) OrganisationAccess.RequireWriter(actor);
        else if (!Domain.Accounts.Permissions.CanReadCountyPlanning(actor.Role))
            throw new ForbiddenException(new LocalText("当前角色不能查看减贫方案的责任单位", "This role may not read the plan's responsible units"));
        await using var db = database.Open();
        return await RunAsync(db, actor, database.Clock.GetUtcNow().UtcDateTime, request.Record, ct);
    }

    /// <summary>The match on an open database (the demo calls it as its operator).</summary>
    internal static async Task<Result> RunAsync(TuopinDb db, Accounts.Actor actor, DateTime now, bool record, CancellationToken ct)
    {
        var current = await GetPlan.CurrentAsync(db, actor, ct)
            ?? throw new NotFoundException(new LocalText("尚未载入本县的减贫方案（tuopin plan load）", "No plan has been loaded for the county (tuopin plan load)"));
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.CountyId == current.CountyId).ToListAsync(ct);
        var names = units.Select(u => new UnitName(u.Id, u.Kind, u.Names().ToList())).ToList();
        var unitName = units.ToDictionary(u => u.Id, u => u.Name);
        var rows = new List<Row>();
        foreach (var t in Targets(current.Parse()))
        {
            var match = OrganisationRules.Match(t.Responsible, names);
            rows.Add(new Row(t.Key, t.Label, t.Section, t.Responsible,
                match.Units.Select(m => new MatchedUnit(m.Text, m.UnitId, m.UnitId is { } id ? unitName[id] : OrganisationAccess.AllOf(m.AllOfKind!.Value).Zh, m.AllOfKind)).ToList(),
                string.IsNullOrWhiteSpace(t.Responsible) ? ["（未写明）"] : match.Unknown));
        }
        if (record)
        {
            db.TargetResponsibilities.RemoveRange(await db.TargetResponsibilities.Where(r => r.CountyId == current.CountyId).ToListAsync(ct));
            foreach (var r in rows)
                foreach (var m in r.Units.DistinctBy(m => (m.UnitId, m.AllOfKind)))
                    db.TargetResponsibilities.Add(new TargetResponsibility
                    {
                        Id = Guid.CreateVersion7(), CountyId = current.CountyId, TargetKey = r.Key, UnitId = m.UnitId, AllOfKind = m.AllOfKind,
                        Text = m.Text.Length > 100 ? m.Text[..100] : m.Text, MatchedAt = now, MatchedBy = actor.UserName,
                    });
            db.ChangeReason = $"按第{current.Version}版减贫方案匹配责任单位";
            await db.SaveChangesAsync(ct);
        }
        return new Result(current.Version, rows.Count, rows.Count(r => r.Units.Count > 0 && r.Unknown.Count == 0), rows, record);
    }

    /// <summary>Every target of the plan with a responsible unit: its targets (<see cref="PlanDocument.Targets"/>) and the zones.</summary>
    public static IEnumerable<Target> Targets(PlanDocument plan)
    {
        foreach (var t in plan.Targets()) yield return new Target(t.Key, t.Label, t.Source?.Section, t.Responsible);
        if (plan.Zones.Responsible is not null || plan.Zones.Items.Count > 0)
            yield return new Target("zones", "片区开发", plan.Zones.Source?.Section, plan.Zones.Responsible);
    }
}
