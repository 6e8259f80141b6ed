using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Places;
using Tuopin.Domain.Assistance;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin assistance coverage [--year y] [--township name]</c>: the assistance rules' counts, the overloaded
    /// cadres and the poor villages without a work team; exit 0 when nothing is open, 1 when something is, 2 on a
    /// usage error (an unknown township included).
    /// </summary>
    private static Command AssistanceCommand(TextWriter output, TextWriter error)
    {
        var assistance = new Command("assistance", "Assistance work (帮扶): cadres, measures and work teams");
        var year = new Option<int?>("--year") { Description = "The year; default: the county's working year" };
        var township = new Option<string?>("--township") { Description = "Only this township (name or 9-digit code)" };
        var coverage = new Command("coverage", "Every assistance rule's count, the overloaded cadres and the poor villages without a work team (exit 1 when any is open)") { year, township };
        coverage.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            Guid? townshipId = null;
            if (parse.GetValue(township) is { } name)
            {
                try
                {
                    townshipId = (await sp.GetRequiredService<FindPlace>().HandleAsync(new FindPlace.Request(name, null), ct)).TownshipId;
                }
                catch (InvalidRequestException e)
                {
                    await error.WriteLineAsync(e.Text.Current);
                    return Usage;
                }
            }
            var result = await sp.GetRequiredService<GetAssistanceCoverage>().HandleAsync(new GetAssistanceCoverage.Request(parse.GetValue(year), townshipId), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(CoverageJson(result), Json));
            else await WriteCoverageAsync(output, result);
            return result.Open == 0 ? Ok : Refused;
        }));
        assistance.Subcommands.Add(coverage);
        return assistance;
    }

    private static object CoverageJson(GetAssistanceCoverage.Result r) => new
    {
        year = r.Year,
        day = r.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        poorHouseholds = r.PoorHouseholds,
        withCadre = r.WithCadre,
        withMeasures = r.WithMeasures,
        plansSufficient = r.PlansSufficient,
        plansUnjudged = r.PlansUnjudged,
        open = r.Open,
        rules = r.Rules.Select(rule => new
        {
            code = rule.Code, kind = rule.Kind, name = rule.Name.Zh, nameEn = rule.Name.En, explanation = rule.Explanation.Zh, count = rule.Count,
            byArea = rule.ByArea.Select(a => new { areaId = a.AreaId, area = a.Area, count = a.Count }),
        }),
        cadreLoadLimit = r.CadreLoadLimit,
        overloadedCadres = r.OverloadedCadres.Select(c => new { id = c.Id, name = c.Name, workUnit = c.WorkUnit, households = c.Households }),
        villagesWithoutTeam = r.VillagesWithoutTeam.Select(v => new { id = v.Id, township = v.Township, village = v.Village }),
    };

    private static async Task WriteCoverageAsync(TextWriter output, GetAssistanceCoverage.Result r)
    {
        await output.WriteLineAsync($"{r.Year} 年帮扶工作覆盖情况（{r.Day:yyyy-MM-dd}）：贫困户 {r.PoorHouseholds:N0} 户，已结对 {r.WithCadre:N0}，有当年措施 {r.WithMeasures:N0}，计划足以脱贫 {r.PlansSufficient:N0}" +
            (r.PlansUnjudged > 0 ? $"（{r.PlansUnjudged:N0} 户无法判断）" : string.Empty));
        foreach (var rule in r.Rules)
        {
            await output.WriteLineAsync($"{(rule.Count == 0 ? "✓" : "✗")} {rule.Code,-32} {rule.Name.Zh}：{rule.Count:N0} 户");
            foreach (var a in rule.ByArea) await output.WriteLineAsync($"      {a.Area} {a.Count:N0}");
        }
        await output.WriteLineAsync($"{(r.OverloadedCadres.Count == 0 ? "✓" : "✗")} {AssistanceRules.CadreOverloaded,-32} {AssistanceRules.CadreOverloadedName.Zh}（上限 {r.CadreLoadLimit} 户）：{r.OverloadedCadres.Count:N0} 人");
        foreach (var c in r.OverloadedCadres) await output.WriteLineAsync($"      {c.Name}（{c.WorkUnit}）{c.Households:N0} 户");
        await output.WriteLineAsync($"{(r.VillagesWithoutTeam.Count == 0 ? "✓" : "✗")} {AssistanceRules.VillageWithoutTeam,-32} {AssistanceRules.VillageWithoutTeamName.Zh}：{r.VillagesWithoutTeam.Count:N0} 个");
        foreach (var v in r.VillagesWithoutTeam) await output.WriteLineAsync($"      {v.Township}{v.Village}");
        await output.WriteLineAsync($"共 {r.Open:N0} 项待处理");
    }
}
