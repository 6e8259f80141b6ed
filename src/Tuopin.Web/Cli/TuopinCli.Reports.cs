using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tuopin.Application.Places;
using Tuopin.Application.Reports;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin report list</c>: the report forms and their 口径; <c>tuopin report &lt;form&gt; --year y [--township t]
    /// [--village v] [--as-of date] [--out file.xlsx] [--format json]</c>: one form's figures for the county, a township
    /// (name, code or id) or a village — written as .xlsx with --out, printed (or as JSON) otherwise. The same query as
    /// the /reports page and the API. Exit 0 when written, 1 when refused (an unknown area or form, a level the form is
    /// not drawn at), 2 on a usage error.
    /// </summary>
    private static Command ReportCommand(TextWriter output, TextWriter error)
    {
        var form = new Argument<string>("form") { Description = "list, or a form's code: " + string.Join(", ", ReportCatalogue.All.Select(f => f.Code)) };
        var year = new Option<int?>("--year") { Description = "The year (default: the work year)" };
        var township = new Option<string?>("--township") { Description = "A township (name, code or id): rows are its villages" };
        var village = new Option<string?>("--village") { Description = "A village (name or code; with --township when the name is not unique)" };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Count as of this date of the year (default 31 December)" };
        var file = new Option<string?>("--out") { Description = "The .xlsx file to write" };
        var report = new Command("report", "Report forms (报表) with their counting rules (口径): list them, or write one as .xlsx") { form, year, township, village, asOf, file };
        report.SetAction(async (parse, ct) =>
        {
            var code = parse.GetValue(form)!;
            var json = parse.GetValue(Format) == "json";
            if (code == "list")
            {
                if (json)
                    await output.WriteLineAsync(JsonSerializer.Serialize(ReportCatalogue.All.Select(f => new
                    {
                        code = f.Code, title = f.Zh, titleEn = f.En, unit = f.UnitZh, levels = f.Levels.Select(l => l.ToString()), basis = f.BasisZh,
                    }), Json));
                else
                    foreach (var f in ReportCatalogue.All)
                        await output.WriteLineAsync($"{f.Code,-14} {f.Zh} / {f.En}（{string.Join("、", f.Levels.Select(GetReport.LevelZh))}）");
                return Ok;
            }
            if (ReportCatalogue.Find(code) is null)
            {
                await error.WriteLineAsync($"没有报表“{code}”；可用：list, {string.Join(", ", ReportCatalogue.All.Select(f => f.Code))}");
                return Usage;
            }
            var path = parse.GetValue(file);
            if (path is not null && !path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                await error.WriteLineAsync($"--out 只能是 .xlsx 文件：{path}");
                return Usage;
            }
            return await WithServices(parse, output, error, async (sp, _) =>
            {
                var result = await sp.GetRequiredService<GetReport>().HandleAsync(
                    new GetReport.Request(code, parse.GetValue(year), parse.GetValue(township), parse.GetValue(village), parse.GetValue(asOf)), ct);
                if (path is not null)
                {
                    var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                    if (directory is not null) Directory.CreateDirectory(directory);
                    await File.WriteAllBytesAsync(path, ReportWorkbook.Write(result), ct);
                }
                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        file = path is null ? null : Path.GetFullPath(path), code = result.Code, title = result.Title, level = result.Level.ToString(), area = result.AreaName, year = result.Year, asOf = result.AsOf,
                        columns = result.Columns.Select(c => new { key = c.Key, name = c.Zh, nameEn = c.En }),
                        rows = result.Rows.Select(r => new { area = r.Area, code = r.Code, values = r.Values }),
                        total = result.Total.Values, basis = result.Basis,
                    }, Json));
                    return Ok;
                }
                if (path is not null)
                {
                    await output.WriteLineAsync($"已生成《{result.Title}》（{result.AreaName} {result.Year}年度）：{Path.GetFullPath(path)}");
                    return Ok;
                }
                await output.WriteLineAsync($"{result.Title}　{result.AreaName}　{result.Year}年度　单位：{result.Unit}");
                await output.WriteLineAsync(string.Join('\t', result.Columns.Select(c => c.Zh).Prepend(result.Level == ReportLevel.County ? "乡镇" : "村")));
                foreach (var row in result.Rows.Append(result.Total))
                    await output.WriteLineAsync(string.Join('\t', row.Values.Select(v => v.ToString(CultureInfo.InvariantCulture)).Prepend(row.Area)));
                await output.WriteLineAsync("口径：" + result.Basis);
                return Ok;
            });
        });
        return report;
    }

    /// <summary>
    /// <c>tuopin summary --year y [--half 1|2] [--township t] --out file.docx</c>: the draft of the county's (or a
    /// township's) half-year or annual work summary (工作总结) from the records. Exit 0 when written, 1 when
    /// refused (e.g. another township's), 2 on a usage error.
    /// </summary>
    private static Command SummaryCommand(TextWriter output, TextWriter error)
    {
        var year = new Option<int>("--year") { Description = "The year summarised", Required = true };
        var half = new Option<int?>("--half") { Description = "1 (上半年) or 2 (下半年); the annual summary without it" };
        half.AcceptOnlyFromAmong("1", "2");
        var township = new Option<string?>("--township") { Description = "The township (name or 9-digit code); the county's without it" };
        var file = new Option<string>("--out") { Description = "The .docx file to write", Required = true };
        var command = new Command("summary", "Write the draft of a half-year or annual work summary (半年 / 年度工作总结) as .docx") { year, half, township, file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
            {
                await error.WriteLineAsync($"--out 只能是 .docx 文件：{path}");
                return Usage;
            }
            return await WithServices(parse, output, error, async (sp, json) =>
            {
                Guid? townshipId = parse.GetValue(township) is { } name
                    ? (await sp.GetRequiredService<FindPlace>().HandleAsync(new FindPlace.Request(name, null), ct)).TownshipId
                    : null;
                var model = await sp.GetRequiredService<DraftWorkSummary>().HandleAsync(new DraftWorkSummary.Request(parse.GetValue(year), parse.GetValue(half), townshipId), ct);
                var full = Path.GetFullPath(path);
                if (Path.GetDirectoryName(full) is { } directory) Directory.CreateDirectory(directory);
                await File.WriteAllBytesAsync(full, SummaryDocument.Write(model), ct);
                if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { file = full, title = model.Title, sections = model.Sections.Select(s => s.Heading) }, Json));
                else await output.WriteLineAsync($"已生成《{model.Title}》（草稿）：{full}");
                return Ok;
            });
        });
        return command;
    }
}
