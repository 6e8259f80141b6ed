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
        registry.Subcommands.Add(PapersCommand(output, error));
        return registry;
    }

    /// <summary>
    /// <c>tuopin registry papers form|card --household &lt;户编号&gt; | --village &lt;code or township/village&gt; --out file.docx|file.pdf</c>
    /// and <c>tuopin registry papers list --village … --year y [--kind exit|registration] --out …</c>: the 贫困户登记表,
    /// the 明白卡 and a village's 公示名单. Exits 0 when written, 1 when refused (reasons printed), 2 on usage errors.
    /// </summary>
    private static Command PapersCommand(TextWriter output, TextWriter error)
    {
        var papers = new Command("papers", "Print household papers: 贫困户登记表 (form), 明白卡 (card), 公示名单 (list)");
        Command Make(string name, string description, bool list)
        {
            var household = new Option<string?>("--household") { Description = "The household number (户编号)" };
            var village = new Option<string?>("--village") { Description = "The village (12-digit code or township/village name)", Required = list };
            var year = new Option<int>("--year") { Description = "The year of the list", Required = list };
            var kind = new Option<string>("--kind") { Description = "exit (proposed for exit) or registration (registered in the year)", DefaultValueFactory = _ => "exit" };
            kind.AcceptOnlyFromAmong("exit", "registration");
            var file = new Option<string>("--out") { Description = "The file to write: .docx, or .pdf (through LibreOffice)", Required = true };
            var command = new Command(name, description) { village, file };
            if (list) { command.Options.Add(year); command.Options.Add(kind); }
            else command.Options.Add(household);
            command.SetAction(async (parse, ct) =>
            {
                var path = parse.GetValue(file)!;
                var extension = Path.GetExtension(path).ToLowerInvariant();
                if (extension is not (".docx" or ".pdf"))
                {
                    await error.WriteLineAsync($"--out 只能是 .docx 或 .pdf 文件：{path}");
                    return Usage;
                }
                var number = list ? null : parse.GetValue(household);
                var villageName = parse.GetValue(village);
                if (!list && (number is null) == (villageName is null))
                {
                    await error.WriteLineAsync("请用 --household 指定一户或用 --village 指定一个村，二者选一");
                    return Usage;
                }
                var format = extension == ".pdf" ? PaperFormat.Pdf : PaperFormat.Docx;
                return await WithServices(parse, output, error, async (sp, json) =>
                {
                    Guid? householdId = null, villageId = null;
                    if (number is not null)
                    {
                        var found = await sp.GetRequiredService<ListHouseholds>().HandleAsync(new ListHouseholds.Query { Number = number.Trim(), PageSize = 2 }, ct);
                        householdId = found.Items.FirstOrDefault(h => h.Number == number.Trim())?.Id
                            ?? throw new NotFoundException(new Domain.Common.LocalText($"没有户编号为 {number} 的贫困户，或不在您的管辖范围内", $"No household numbered {number} in your area"));
                    }
                    else villageId = (await PlaceFilterAsync(sp, null, villageName, ct)).Village;
                    var paper = name switch
                    {
                        "form" => await sp.GetRequiredService<PrintRegistrationForm>().HandleAsync(new PrintRegistrationForm.Request(householdId, villageId, format), ct),
                        "card" => await sp.GetRequiredService<PrintHouseholdCard>().HandleAsync(new PrintHouseholdCard.Request(householdId, villageId, format), ct),
                        _ => await sp.GetRequiredService<PrintPublicList>().HandleAsync(new PrintPublicList.Request(villageId!.Value, parse.GetValue(year),
                            parse.GetValue(kind) == "registration" ? PublicListKind.Registration : PublicListKind.Exit, format), ct),
                    };
                    var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                    if (directory is not null) Directory.CreateDirectory(directory);
                    await File.WriteAllBytesAsync(path, paper.Content, ct);
                    if (json)
                        await output.WriteLineAsync(JsonSerializer.Serialize(new { file = Path.GetFullPath(path), name = paper.FileName, households = paper.Households, masked = paper.Masked }, Json));
                    else
                        await output.WriteLineAsync($"已生成 {paper.FileName}（{paper.Households} 户{(paper.Masked ? "，证件号码已遮盖" : string.Empty)}）：{Path.GetFullPath(path)}");
                    return Ok;
                });
            });
            return command;
        }
        papers.Subcommands.Add(Make("form", "扶贫开发建档立卡贫困户登记表 of one household or a whole village (one a page)", list: false));
        papers.Subcommands.Add(Make("card", "明白卡 of one household or a whole village (no IDs; assistance not yet recorded)", list: false));
        papers.Subcommands.Add(Make("list", "A village's 公示名单 of a year (IDs always masked)", list: true));
        return papers;
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
                var timings = CliTimings.On ? new ImportTimings() : null;
                CliTimings.Mark("migrated");
                var result = await sp.GetRequiredService<ImportRegistry>().HandleAsync(stream, path,
                    new ImportRegistry.Options(parse.GetValue(dryRun), parse.GetValue(update), timings), progress, ct);
                CliTimings.Mark("imported");
                CliTimings.Phases(timings?.Phases.Select(p => (p.Name, p.Time)));
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
