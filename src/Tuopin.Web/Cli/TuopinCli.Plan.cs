using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Plans;
using Tuopin.Application.Storage;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary><c>tuopin plan check|load</c>: the county plan as data.</summary>
    private static Command PlanCommand(TextWriter output, TextWriter error)
    {
        var plan = new Command("plan", "The county plan (减贫摘帽方案): targets, deadlines, responsible units");

        var checkFile = new Argument<string?>("file") { Description = "The plan file (JSON); default: the built-in Laifeng plan", Arity = ArgumentArity.ZeroOrOne };
        var check = new Command("check", "Check a plan's arithmetic and logic, and that it agrees with the county's places; exit 1 with findings") { checkFile };
        check.SetAction(async (parse, ct) =>
        {
            var json = parse.GetValue(Format) == "json";
            var file = parse.GetValue(checkFile);
            PlanDocument document;
            Application.Places.CountyDataSet? places;
            try
            {
                document = file is null ? PlanDocument.BuiltIn() : PlanDocument.Parse(await File.ReadAllTextAsync(file, ct));
                places = document.LoadPlaces(file);
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"无法读取方案文件 {file}：{e.Message}");
                return Usage;
            }
            var findings = CheckPlan.Run(document, places);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    plan = document.Title,
                    file = file ?? $"(built-in) {PlanDocument.BuiltInLaifeng}-plan.json",
                    places = document.Places,
                    consistent = findings.Count == 0,
                    findings = findings.Select(f => new { code = f.Code, section = f.Section, path = f.Path, message = f.Message.Zh, messageEn = f.Message.En }),
                }, Json));
            }
            else
            {
                await output.WriteLineAsync($"{document.Title}（{document.County.Name}，文件版本 {document.Version}）");
                if (findings.Count == 0) await output.WriteLineAsync("方案自洽：没有发现问题。");
                else
                {
                    await output.WriteLineAsync($"发现 {findings.Count} 个问题：");
                    foreach (var f in findings) await output.WriteLineAsync($"  [{f.Section}] {f.Path}: {f.Message.Zh}  ({f.Code})");
                }
            }
            return findings.Count == 0 ? Ok : Refused;
        });
        plan.Subcommands.Add(check);

        var loadFile = new Argument<string?>("file") { Description = "The plan file (JSON); default: the built-in Laifeng plan", Arity = ArgumentArity.ZeroOrOne };
        var load = new Command("load", "Load a plan file into the database as the county's next plan version") { loadFile };
        load.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var factory = sp.GetRequiredService<TuopinDbFactory>();
            await Bootstrap.MigrateAsync(factory, ct);
            var file = parse.GetValue(loadFile);
            var document = file is null ? PlanDocument.BuiltIn() : PlanDocument.Parse(await File.ReadAllTextAsync(file, ct));
            await using var db = factory.CreateForOperator(Environment.UserName is { Length: > 0 } user ? $"{user}（命令行）" : "operator");
            var result = await LoadPlan.RunAsync(db, document, file is null ? $"{PlanDocument.BuiltInLaifeng}-plan.json" : Path.GetFileName(file), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else await output.WriteLineAsync(result.Unchanged
                ? $"{result.County}的方案与第{result.Version}版相同，未新增版本。"
                : $"已载入{result.County}的方案，第{result.Version}版{(result.Findings > 0 ? $"（方案自身有 {result.Findings} 个问题，见 tuopin plan check）" : "")}。");
            return Ok;
        }));
        plan.Subcommands.Add(load);
        return plan;
    }
}
