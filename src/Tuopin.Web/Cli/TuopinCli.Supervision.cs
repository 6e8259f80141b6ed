using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Supervision;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin supervision findings [--year y] [--overdue] [--format json]</c>: the findings (问题) with their status and
    /// deadline, the overdue ones counted by township and unit; with --overdue only the overdue ones, and exit 1 when any exist.
    /// </summary>
    private static Command SupervisionCommand(TextWriter output, TextWriter error)
    {
        var supervision = new Command("supervision", "Supervision (督查, 整改, 问责)");
        var year = new Option<int?>("--year") { Description = "Only the findings of this year" };
        var overdue = new Option<bool>("--overdue") { Description = "Only the overdue findings (deadline passed, not closed); exit 1 when any exist" };
        var findings = new Command("findings", "Inspection findings and their rectification; overdue counted by township and unit") { year, overdue };
        findings.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var onlyOverdue = parse.GetValue(overdue);
            var result = await sp.GetRequiredService<ListFindings>().HandleAsync(new ListFindings.Request(parse.GetValue(year), OverdueOnly: onlyOverdue, PageSize: 500), ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    asOf = result.AsOf, total = result.Total, overdue = result.Overdue,
                    overdueByTownship = result.OverdueByTownship.Select(c => new { township = c.Name, c.Overdue }),
                    overdueByUnit = result.OverdueByUnit.Select(c => new { unit = c.Name, c.Overdue }),
                    findings = result.Findings.Items.Select(f => new
                    {
                        f.Id, f.Year, f.Inspection, category = f.Category, categoryName = SupervisionRules.Categories.Name(f.Category).Zh, f.Description,
                        unit = f.ResponsibleUnit, f.Township, f.Village, target = f.TargetKind, f.TargetId, f.Deadline, status = f.Status,
                        statusName = SupervisionRules.Statuses.Name(f.Status).Zh, f.ClosedOn, f.Overdue,
                    }),
                }, Json));
            }
            else
            {
                foreach (var f in result.Findings.Items)
                    await output.WriteLineAsync($"{f.Deadline:yyyy-MM-dd} {SupervisionRules.Statuses.Name(f.Status).Zh}{(f.Overdue ? " 逾期" : "")} {SupervisionRules.Categories.Name(f.Category).Zh} {f.Township}{f.Village} {f.ResponsibleUnit}：{f.Description}");
                foreach (var c in result.OverdueByTownship)
                    await output.WriteLineAsync($"逾期 / overdue {c.Name}: {c.Overdue}");
                await output.WriteLineAsync($"问题 / findings: {result.Total}；逾期未销号 / overdue: {result.Overdue}（截至 {result.AsOf:yyyy-MM-dd}）");
            }
            return onlyOverdue && result.Overdue > 0 ? Refused : Ok;
        }));
        supervision.Subcommands.Add(findings);
        return supervision;
    }

    /// <summary>
    /// <c>tuopin assessment --year y [--out file.xlsx] [--format json]</c>: the annual assessment (年度考核) of every township and
    /// department — scores, ranks and each indicator's figure, points and arithmetic; written as .xlsx with --out.
    /// <c>tuopin assessment scheme [--file scheme.json | --reset] [--reason …]</c>: show the scheme; with --file (a JSON list of
    /// indicators, as GET /api/v1/supervision/assessment/scheme returns them) or --reset, set it (the county administrator).
    /// </summary>
    private static Command AssessmentCommand(TextWriter output, TextWriter error)
    {
        var year = new Option<int?>("--year") { Description = "The year assessed (default: the work year)" };
        var file = new Option<string?>("--out") { Description = "The .xlsx file to write" };
        var assessment = new Command("assessment", "The annual assessment of townships and departments (年度考核)") { year, file };
        assessment.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file);
            if (path is not null && !path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                await error.WriteLineAsync($"--out 只能是 .xlsx 文件：{path}");
                return Usage;
            }
            return await WithServices(parse, output, error, async (sp, json) =>
            {
                var r = await sp.GetRequiredService<AssessTheYear>().HandleAsync(parse.GetValue(year), ct);
                if (path is not null)
                {
                    var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                    if (directory is not null) Directory.CreateDirectory(directory);
                    await File.WriteAllBytesAsync(path, AssessmentWorkbook.Write(r), ct);
                }
                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        file = path is null ? null : Path.GetFullPath(path), r.Year, r.AsOf, r.DefaultScheme, r.Evaluated, r.PlanLoaded,
                        townships = r.Townships, departments = r.Departments,
                    }, Json));
                    return Ok;
                }
                await output.WriteLineAsync($"{r.Year}年度考核（截至 {r.AsOf:yyyy-MM-dd}）/ annual assessment {r.Year}");
                foreach (var (title, units) in new[] { ("乡镇 / townships", r.Townships), ("县直部门 / departments", r.Departments) })
                {
                    await output.WriteLineAsync(title);
                    foreach (var u in units)
                    {
                        await output.WriteLineAsync($"  {u.Rank,3}. {u.Name} {u.Score:0.##}");
                        foreach (var i in u.Indicators) await output.WriteLineAsync($"       {i.Code} {i.Arithmetic}");
                    }
                }
                if (path is not null) await output.WriteLineAsync($"已写入 / written: {Path.GetFullPath(path)}");
                return Ok;
            });
        });

        var schemeFile = new Option<string?>("--file") { Description = "A JSON list of indicators to set as the scheme" };
        var reset = new Option<bool>("--reset") { Description = "Return to the default scheme" };
        var reason = new Option<string?>("--reason") { Description = "Why the scheme changes (kept with the audit)" };
        var scheme = new Command("scheme", "Show the assessment scheme; with --file or --reset, set it (the county administrator)") { schemeFile, reset, reason };
        scheme.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            GetAssessmentScheme.Result result;
            if (parse.GetValue(schemeFile) is { } f)
            {
                var indicators = JsonSerializer.Deserialize<List<AssessmentIndicator>>(await File.ReadAllTextAsync(f, ct), Json);
                result = await sp.GetRequiredService<SetAssessmentScheme>().HandleAsync(new SetAssessmentScheme.Request(indicators, parse.GetValue(reason)), ct);
            }
            else if (parse.GetValue(reset))
                result = await sp.GetRequiredService<SetAssessmentScheme>().HandleAsync(new SetAssessmentScheme.Request(null, parse.GetValue(reason), Reset: true), ct);
            else
                result = await sp.GetRequiredService<GetAssessmentScheme>().HandleAsync(ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result.Indicators, Json));
                return Ok;
            }
            await output.WriteLineAsync(result.IsDefault ? "默认考核方案 / default scheme" : "县定考核方案 / the county's scheme");
            foreach (var i in result.Indicators)
                await output.WriteLineAsync($"  {i.Code} {(i.For == AssessedKind.Township ? "乡镇" : "部门")} {i.Name} {i.Weight:0.##}分 {i.Source} {i.Rule} floor={i.Floor} full={i.Full} threshold={i.Threshold} deduct={i.Deduct}");
            return Ok;
        }));
        assessment.Subcommands.Add(scheme);
        return assessment;
    }
}
