using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tuopin.Application.Common;
using Tuopin.Application.Housing;
using Tuopin.Domain.Housing;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin housing eligibility --household number [--format json]</c>: the housing subsidy the household fits and
    /// why; exit 0 when it fits one, 1 when none, 2 on a usage error (an unknown household included).
    /// </summary>
    /// <summary>
    /// <c>tuopin housing cases [--step s] [--format json]</c>: the housing cases per step (and the stalled constructions);
    /// with --step, the cases at that step. Exit 0.
    /// </summary>
    private static Command HousingCasesCommand(TextWriter output, TextWriter error)
    {
        var step = new Option<HousingStep?>("--step") { Description = "List the cases at this step: Applied, Approved, UnderConstruction, Accepted, Paid, Cancelled" };
        var cases = new Command("cases", "Housing cases per step (危房改造、易地搬迁项目), and with --step the cases at it") { step };
        cases.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var at = parse.GetValue(step);
            var result = await sp.GetRequiredService<ListHousingCases>().HandleAsync(new ListHousingCases.Request(at, PageSize: at is null ? 1 : 500), ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    total = result.Total, stalled = result.Stalled, byStep = result.ByStep.Select(s => new { step = s.Step, name = HousingCases.Steps.Name(s.Step).Zh, count = s.Count }),
                    cases = at is null ? null : result.Cases.Items.Select(c => new { household = c.Number, c.Township, c.Village, kind = c.Kind, c.SiteName, category = c.Category, amount = c.Amount, step = c.Step, lastDay = c.LastDay, stalled = c.Stalled }),
                }, Json));
                return Ok;
            }
            foreach (var s in result.ByStep)
                await output.WriteLineAsync($"{HousingCases.Steps.Name(s.Step).Zh} / {HousingCases.Steps.Name(s.Step).En}: {s.Count}");
            await output.WriteLineAsync($"合计 / total: {result.Total}；开工超过{HousingCases.ConstructionDays}天未验收 / stalled: {result.Stalled}");
            if (at is not null)
                foreach (var c in result.Cases.Items)
                    await output.WriteLineAsync($"  {c.Number} {c.Township}{c.Village} {HousingCases.Kinds.Name(c.Kind).Zh} {c.LastDay:yyyy-MM-dd}{(c.Stalled ? " 超期" : "")}");
            return Ok;
        }));
        return cases;
    }

    private static Command HousingCommand(TextWriter output, TextWriter error)
    {
        var housing = new Command("housing", "Housing subsidies (危房改造, 扶贫搬迁)");
        var household = new Option<string>("--household") { Description = "The household's number", Required = true };
        var eligibility = new Command("eligibility", "The housing subsidy a household fits, with the reasons and the county's amount (exit 1 when none)") { household };
        eligibility.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            AssessHousingEligibility.Result result;
            try
            {
                result = await sp.GetRequiredService<AssessHousingEligibility>().HandleAsync(number: parse.GetValue(household), ct: ct);
            }
            catch (NotFoundException e)
            {
                await error.WriteLineAsync(e.Text.Current);
                return Usage;
            }
            var category = result.Category is { } c ? HousingSubsidies.Categories.Name(c) : (Tuopin.Domain.Common.LocalText?)null;
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    household = result.Number, year = result.Year, category = result.Category, categoryName = category?.Zh, categoryNameEn = category?.En,
                    amount = result.Amount, reasons = result.Reasons.Select(r => r.Zh), reasonsEn = result.Reasons.Select(r => r.En),
                }, Json));
            }
            else
            {
                var text = category is null ? "不符合住房补助条件 / no housing subsidy" : $"{category.Value.Zh} / {category.Value.En}";
                await output.WriteLineAsync($"户 {result.Number}：{text}");
                if (result.Category is not null)
                    await output.WriteLineAsync(result.Amount is { } amount ? $"补助标准 {amount.ToString("#,##0.##", CultureInfo.InvariantCulture)} 元/户" : "补助标准：县里尚未设定 / the county has set no amount");
                foreach (var reason in result.Reasons) await output.WriteLineAsync($"  - {reason.Zh}");
            }
            return result.Category is null ? Refused : Ok;
        }));
        housing.Subcommands.Add(eligibility);
        housing.Subcommands.Add(HousingCasesCommand(output, error));
        return housing;
    }
}
