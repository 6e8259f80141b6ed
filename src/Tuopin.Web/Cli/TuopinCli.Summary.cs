using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Places;
using Tuopin.Application.Reports;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
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
