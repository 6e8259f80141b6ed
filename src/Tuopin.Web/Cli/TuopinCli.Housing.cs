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
        return housing;
    }
}
