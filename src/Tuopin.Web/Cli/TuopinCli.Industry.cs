using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tuopin.Application.Industry;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin industry progress [--year y] [--format json]</c>: the plan's industries, their targets and their actuals
    /// from the participation records up to the end of the year (— where nothing of an industry is recorded).
    /// </summary>
    private static Command IndustryCommand(TextWriter output, TextWriter error)
    {
        var industry = new Command("industry", "Industry (产业扶贫): the plan's industries, market entities and participation");
        var year = new Option<int?>("--year") { Description = "The year to report as of (its end); default: the work year" };
        var progress = new Command("progress", "The plan's industries: targets and actuals (mu, scale farmers, poor households driven)") { year };
        progress.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var y = parse.GetValue(year);
            if (y is < 2000 or > 2100)
            {
                await error.WriteLineAsync($"--year {y}: 应为2000到2100之间的年份");
                return Usage;
            }
            var r = await sp.GetRequiredService<GetIndustryProgress>().HandleAsync(new GetIndustryProgress.Query(y), ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(r, Json));
                return Ok;
            }
            await output.WriteLineAsync($"截至{r.Year}年底的产业进度（目标 / 实际；— 为无记录）");
            await output.WriteLineAsync("产业                 面积(亩)目标   实际       规模户目标 实际   带动贫困户目标 实际   规模");
            foreach (var i in r.Industries)
            {
                var recorded = i.Records > 0;
                string A(decimal? value) => recorded && value is { } v ? v.ToString("#,##0.##", CultureInfo.InvariantCulture) : "—";
                string T(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "";
                await output.WriteLineAsync($"{Pad(i.Name.Split('（')[0], 20)} {T(i.MuTarget),12} {(i.MuTarget is null ? "" : A(i.Mu)),-10} {T(i.ScaleFarmersTarget),10} {(i.ScaleFarmersTarget is null ? "" : A(i.ScaleFarmers)),-6} {T(i.PoorHouseholdsTarget),14} {A(i.PoorHouseholds),-6} {A(i.Scale)}{(recorded ? i.Unit : "")}");
            }
            return Ok;
        }));
        industry.Subcommands.Add(progress);
        return industry;
    }
}
