using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    private static Command RegistryCommand(TextWriter output, TextWriter error)
    {
        var registry = new Command("registry", "The registry of poor households");
        var asOfOption = new Option<string?>("--as-of") { Description = "Read the registry as of this date (yyyy-MM-dd); default today" };
        var stats = new Command("stats", "Households, people, places and exits by year") { asOfOption };
        stats.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            DateOnly? asOf = null;
            if (parse.GetValue(asOfOption) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                {
                    await error.WriteLineAsync($"--as-of 的日期格式是 yyyy-MM-dd，填写的是“{text}”");
                    return Usage;
                }
                asOf = parsed;
            }
            var overview = await sp.GetRequiredService<CountyOverview>().HandleAsync(asOf, ct);
            var result = new
            {
                asOf = overview.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                households = overview.Registered.Households,
                people = overview.Registered.People,
                townships = overview.Townships,
                villages = overview.Villages,
                poorVillages = overview.PoorVillages,
                exits = overview.Exits.Select(e => new { year = e.Year, households = e.Households, people = e.People }),
                remaining = new { households = overview.Remaining.Households, people = overview.Remaining.People },
                removed = new { households = overview.Removed.Households, people = overview.Removed.People },
            };
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
                return Ok;
            }
            await output.WriteLineAsync($"截至 {result.asOf}");
            await output.WriteLineAsync($"{overview.AreaName}：{result.townships} 个乡镇，{result.villages} 个村（社区），贫困村 {result.poorVillages} 个");
            await output.WriteLineAsync($"建档立卡 {result.households:N0} 户 {result.people:N0} 人");
            foreach (var e in overview.Exits) await output.WriteLineAsync($"  {e.Year} 年脱贫 {e.Households,7:N0} 户 {e.People,7:N0} 人");
            await output.WriteLineAsync($"  未脱贫   {result.remaining.households,7:N0} 户 {result.remaining.people,7:N0} 人");
            return Ok;
        }));
        registry.Subcommands.Add(stats);
        return registry;
    }

    private static Command ImportCommand(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The registry spreadsheet (.xlsx, .xls or .csv, UTF-8 or GBK) in the template of docs/import-template.md" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report, store nothing" };
        var update = new Option<bool>("--update") { Description = "Update mode: households already registered are updated from the file (each change audited)" };
        var import = new Command("import", "Import households and members from a spreadsheet; all or nothing") { file, dryRun, update };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (SheetFormats.FromFileName(path) is not { } format)
            {
                await error.WriteLineAsync($"只能导入 .xlsx、.xls 或 .csv 文件：{path}");
                return Usage;
            }
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"文件不存在：{path}");
                return Usage;
            }
            return await WithServices(parse, output, error, async (sp, json) =>
            {
                await sp.GetRequiredService<MigrateDatabase>().HandleAsync(ct);
                await using var stream = File.OpenRead(path);
                // A county's file takes a while: every 5,000 rows read, a line on standard error (text only).
                var shown = 0;
                var progress = json ? null : new Reporter(rows =>
                {
                    if (rows / 5_000 <= shown / 5_000) return;
                    shown = rows;
                    error.WriteLine($"已读 {rows:N0} 行……");
                });
                var result = await sp.GetRequiredService<ImportRegistry>().HandleAsync(stream, path,
                    new ImportRegistry.Options(parse.GetValue(dryRun), parse.GetValue(update)), progress, ct);
                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        rows = result.Rows,
                        households = result.Households,
                        accepted = result.Accepted,
                        rejected = result.Rejected,
                        errors = result.Errors.Select(e => new { row = e.Row, column = e.Column, value = e.Value, code = e.Code, message = e.Message.Current, sheet = e.Sheet }),
                        skipped = result.SkippedRows.Select(s => new { sheet = s.Sheet, row = s.Row, lastRow = s.LastRow, code = s.Code, reason = s.Reason.Current }),
                    }, Json));
                }
                else if (result.Ok)
                {
                    await output.WriteLineAsync(parse.GetValue(dryRun)
                        ? $"检查通过（未写入）：{result.Rows:N0} 行，{result.Households:N0} 户，全部可以导入。"
                        : $"已导入：{result.Rows:N0} 行，{result.Households:N0} 户（新增 {result.Created:N0} 户，更新 {result.Updated:N0} 户），用时 {result.Elapsed.TotalSeconds:F1} 秒。");
                }
                else
                {
                    await error.WriteLineAsync($"未导入：{result.Rows:N0} 行中有 {result.Rejected:N0} 行有错误，数据库未作任何改动。");
                    foreach (var e in result.Errors)
                        await error.WriteLineAsync(e.Sheet is null
                            ? $"  第{e.Row}行 {e.Column}「{e.Value}」：{e.Message.Current}（{e.Code}）"
                            : $"  工作表“{e.Sheet}”第{e.Row}行 {e.Column}「{e.Value}」：{e.Message.Current}（{e.Code}）");
                }
                if (!json && result.SkippedRows.Count > 0)
                {
                    // Not data, not errors: said so, on standard error so that the output stays the result.
                    await error.WriteLineAsync($"跳过 {result.SkippedRows.Count:N0} 处（不是数据）：");
                    foreach (var s in result.SkippedRows)
                        await error.WriteLineAsync(s.Row == 0 ? $"  {s.Reason.Current}" : $"  {s.Where.Current}：{s.Reason.Current}");
                }
                return result.Ok ? Ok : Refused;
            });
        });
        return import;
    }

    private static Command ExportCommand(TextWriter output, TextWriter error)
    {
        var export = new Command("export", "Export data to spreadsheets");
        var outFile = new Option<string>("--out") { Description = "The file to write: .xlsx or .csv", Required = true };
        var mask = new Option<bool>("--mask") { Description = "Mask resident IDs and phones (shown in full otherwise: the shell has the operator's rights)" };
        var registry = new Command("registry", "The whole registry in the import template") { outFile, mask };
        registry.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(outFile)!;
            if (SheetFormats.FromFileName(path) is not { } format)
            {
                await error.WriteLineAsync($"只能导出为 .xlsx 或 .csv 文件：{path}");
                return Usage;
            }
            return await WithServices(parse, output, error, async (sp, json) =>
            {
                await sp.GetRequiredService<MigrateDatabase>().HandleAsync(ct);
                var temp = path + ".part";
                ExportRegistry.Result result;
                await using (var stream = File.Create(temp))
                    result = await sp.GetRequiredService<ExportRegistry>().HandleAsync(new ListHouseholds.Query(), format, stream, parse.GetValue(mask), ct);
                File.Move(temp, path, overwrite: true);
                if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { file = path, households = result.Households, members = result.Members, masked = result.Masked }, Json));
                else await output.WriteLineAsync($"已导出 {result.Households:N0} 户 {result.Members:N0} 人到 {path}{(result.Masked ? "（身份证号码已遮蔽）" : string.Empty)}。");
                return Ok;
            });
        });
        export.Subcommands.Add(registry);
        return export;
    }

    /// <summary>Reports on the caller's thread, at once (<see cref="Progress{T}"/> would post it later, out of order).</summary>
    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
