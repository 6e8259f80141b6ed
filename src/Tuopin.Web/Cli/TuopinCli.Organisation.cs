using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Organisation;
using Tuopin.Domain.Organisation;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin organisation list [--kind k] [--format json]</c>: the units as the plan draws them, with their leaders, first
    /// responsible persons and gaps; <c>tuopin organisation match-plan [--record] [--format json]</c>: the plan targets whose
    /// responsible name matches no unit (exit 1 when any), with <c>--record</c> the matches saved.
    /// </summary>
    private static Command OrganisationCommand(TextWriter output, TextWriter error)
    {
        var organisation = new Command("organisation", "Organisation (组织机构): the leading group, working groups, special teams, departments, township offices, village teams");
        var kind = new Option<string?>("--kind") { Description = "Only units of a kind: leading-group, working-group, special-team, department, township-office, village-team" };
        var list = new Command("list", "The units, their leaders, first responsible persons and what each lacks") { kind };
        list.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            UnitKind? k = null;
            if (parse.GetValue(kind) is { } code)
            {
                if (!OrganisationRules.Kinds.TryFind(code, out var item))
                {
                    await error.WriteLineAsync($"--kind {code}: 应为 {string.Join(", ", OrganisationRules.Kinds.Items.Select(i => i.Code))}");
                    return Usage;
                }
                k = item.Value;
            }
            var r = await sp.GetRequiredService<ListOrganisation>().HandleAsync(new ListOrganisation.Query(k), ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(r, Json));
                return Ok;
            }
            var names = r.Units.ToDictionary(u => u.Id, u => u.Name);
            foreach (var g in r.Units.GroupBy(u => u.Kind))
            {
                await output.WriteLineAsync($"{OrganisationRules.Kinds.Name(g.Key).Zh}（{g.Count()}）");
                foreach (var u in g)
                {
                    var leader = u.People.FirstOrDefault(p => p.IsLeader);
                    var above = u.ParentId is { } p && names.TryGetValue(p, out var n) ? $" ← {n}" : "";
                    var place = u.Village ?? u.Township;
                    await output.WriteLineAsync($"  {u.Name}{above}{(place is null || u.Kind == UnitKind.TownshipOffice || u.Kind == UnitKind.VillageTeam ? "" : $"（{place}）")}"
                        + (leader is null ? "" : $"  负责人：{leader.Name}（{leader.Position}）")
                        + (u.FirstResponsible.Count > 0 ? $"  第一责任人：{string.Join("、", u.FirstResponsible)}" : "")
                        + (u.Gaps.Count > 0 ? $"  缺：{string.Join("；", u.Gaps.Select(x => x.Zh))}" : ""));
                }
            }
            await output.WriteLineAsync($"共 {r.Units.Count} 个单位，{r.UnitsWithGaps} 个有缺项。");
            return Ok;
        }));
        organisation.Subcommands.Add(list);

        var record = new Option<bool>("--record") { Description = "Save the matches as the targets' responsible units" };
        var match = new Command("match-plan", "The plan targets whose responsible name matches no unit (exit 1 when any)") { record };
        match.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var r = await sp.GetRequiredService<MatchPlanResponsibility>().HandleAsync(new MatchPlanResponsibility.Request(parse.GetValue(record)), ct);
            var unmatched = r.Unmatched;
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new { r.PlanVersion, r.Targets, r.Matched, r.Recorded, unmatched, rows = r.Rows }, Json));
                return unmatched.Count == 0 ? Ok : Refused;
            }
            await output.WriteLineAsync($"第{r.PlanVersion}版减贫方案：{r.Targets} 个目标，{r.Matched} 个的责任单位全部匹配{(r.Recorded ? "，已记录" : "")}。");
            foreach (var row in unmatched)
                await output.WriteLineAsync($"  {row.Key}  {row.Label}  责任单位“{row.Responsible}”：未找到 {string.Join("、", row.Unknown)}"
                    + (row.Units.Count > 0 ? $"（已匹配 {string.Join("、", row.Units.Select(u => u.Name))}）" : ""));
            if (unmatched.Count == 0) await output.WriteLineAsync("每个目标的责任单位都已找到。");
            return unmatched.Count == 0 ? Ok : Refused;
        }));
        organisation.Subcommands.Add(match);
        return organisation;
    }
}
