using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Quality;
using Tuopin.Application.Registry;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary><c>tuopin quality check</c>: the data-quality rules over the registry; exit 1 when any finding is open.</summary>
    private static Command QualityCommand(TextWriter output, TextWriter error)
    {
        var quality = new Command("quality", "Data-quality checks of the registry (逻辑校验)");
        var check = new Command("check", "Run every rule; list open findings per rule and township (exit 1 when there are any)");
        check.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var result = await sp.GetRequiredService<CheckQuality>().HandleAsync(ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    day = result.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    open = result.Open,
                    rules = result.Rules.Select(r => new
                    {
                        code = r.Code, name = r.Name.Zh, nameEn = r.Name.En, explanation = r.Explanation.Zh,
                        findings = r.Findings, explained = r.Explained, open = r.Open,
                        byTownship = r.ByTownship.Select(t => new { township = t.Township, findings = t.Findings, explained = t.Explained, open = t.Findings - t.Explained }),
                    }),
                }, Json));
            }
            else
            {
                foreach (var r in result.Rules)
                {
                    await output.WriteLineAsync($"{(r.Open == 0 ? "✓" : "✗")} {r.Code,-26} {r.Name.Zh}：{r.Open:N0} 条待处理" + (r.Explained > 0 ? $"（另有 {r.Explained:N0} 条已说明）" : string.Empty));
                    foreach (var t in r.ByTownship.Where(t => t.Findings > t.Explained))
                        await output.WriteLineAsync($"      {t.Township} {t.Findings - t.Explained:N0}");
                }
                await output.WriteLineAsync($"共 {result.Open:N0} 条待处理（{result.Day:yyyy-MM-dd}）");
            }
            return result.Open == 0 ? Ok : Refused;
        }));
        quality.Subcommands.Add(check);
        return quality;
    }

    /// <summary><c>tuopin settings adjustment-window [MM-dd..MM-dd]</c>: show or set the yearly adjustment window.</summary>
    private static Command SettingsCommand(TextWriter output, TextWriter error)
    {
        var settings = new Command("settings", "County settings");
        var value = new Argument<string?>("window") { Description = "MM-dd..MM-dd, e.g. 09-01..11-30; omit to show", Arity = ArgumentArity.ZeroOrOne };
        var window = new Command("adjustment-window", "The yearly window for new registrations and removals (动态调整期)") { value };
        window.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var set = sp.GetRequiredService<SetAdjustmentWindow>();
            if (parse.GetValue(value) is { } text) await set.HandleAsync(text, ct);
            var current = await set.GetAsync(ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { window = current.ToString() }, Json) : $"动态调整期：每年 {current}");
            return Ok;
        }));
        settings.Subcommands.Add(window);
        return settings;
    }
}
