using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Exit;
using Tuopin.Application.Exit.Reports;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin exit report --level village|township --area &lt;code or name&gt; --year y --out file.docx|file.xlsx</c>:
    /// the self-assessment report (自查报告) of a poor village or a township. Exits 0 when written (whether or
    /// not the unit meets the standard; the text says which), 1 when refused, 2 on usage errors.
    /// </summary>
    private static Command ExitReportCommand(TextWriter output, TextWriter error)
    {
        var level = new Option<string>("--level") { Description = "village or township", Required = true };
        level.AcceptOnlyFromAmong("village", "township");
        var area = new Option<string>("--area") { Description = "The village (12-digit code or township/village name) or township (9-digit code or name)", Required = true };
        var year = new Option<int>("--year") { Description = "The exit year", Required = true };
        var file = new Option<string>("--out") { Description = "The file to write: .docx (the report) or .xlsx (its tables)", Required = true };
        var report = new Command("report", "Write the self-assessment report (自查报告) of a poor village or a township as .docx or .xlsx") { level, area, year, file };
        report.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is not (".docx" or ".xlsx"))
            {
                await error.WriteLineAsync($"--out 只能是 .docx 或 .xlsx 文件：{path}");
                return Usage;
            }
            return await WithServices(parse, output, error, async (sp, json) =>
            {
                var village = parse.GetValue(level) == "village";
                var name = parse.GetValue(area)!;
                var (t, v) = await PlaceFilterAsync(sp, village ? null : name, village ? name : null, ct);
                var model = await sp.GetRequiredService<SelfAssessmentReport>().HandleAsync(
                    new SelfAssessmentReport.Request(village ? ExitLevel.Village : ExitLevel.Township, village ? v!.Value : t!.Value, parse.GetValue(year)), ct);
                var bytes = extension == ".docx" ? SelfAssessmentDocument.Write(model) : SelfAssessmentWorkbook.Write(model);
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is not null) Directory.CreateDirectory(directory);
                await File.WriteAllBytesAsync(path, bytes, ct);
                if (json)
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        file = Path.GetFullPath(path), title = model.Title, ready = model.Ready,
                        failing = model.Failing.Select(s => new { rule = s.Rule, name = s.Name, explanation = s.Explanation }),
                    }, Json));
                else
                {
                    await output.WriteLineAsync($"已生成《{model.Title}》：{Path.GetFullPath(path)}");
                    await output.WriteLineAsync(model.Ready
                        ? $"结论：达到退出标准（{model.Standards.Count} 项）"
                        : $"结论：未达到退出标准：{string.Join("；", model.Failing.Select(s => s.Explanation))}");
                }
                return Ok;
            });
        });
        return report;
    }
}
