using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Conditions;
using Tuopin.Domain.Conditions;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary><c>tuopin conditions coverage|import</c>: village infrastructure and public services.</summary>
    private static Command ConditionsCommand(TextWriter output, TextWriter error)
    {
        var conditions = new Command("conditions", "Village conditions (村级基础设施和公共服务): coverage against the plan's targets, import");

        var year = new Option<int?>("--year") { Description = "The year; default: the latest year with records" };
        var coverage = new Command("coverage", "Coverage rates by county, township and zone against the plan's targets") { year };
        coverage.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var result = await sp.GetRequiredService<ConditionCoverage>().HandleAsync(new ConditionCoverage.Query(parse.GetValue(year)), ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
                return Ok;
            }
            if (result.Year is null)
            {
                await output.WriteLineAsync("尚无村级基础设施记录。");
                return Ok;
            }
            await output.WriteLineAsync($"{result.Year} 年村级基础设施覆盖率（已报 {result.Area.Reported}/{result.Area.Villages} 个村）");
            foreach (var rate in result.Area.Rates)
            {
                var info = ConditionIndicators.Of(rate.Indicator);
                var target = rate.Target is { } t ? $"目标 {t}%" : "";
                var met = rate.Met switch { true => "达标", false => "未达标", null => "" };
                await output.WriteLineAsync($"  {info.Name.Zh,-10} {rate.Percent?.ToString("0.0") ?? "-",6}%  ({rate.Reached:N0}/{rate.Base:N0})  {target} {met}");
            }
            foreach (var unit in result.Townships)
            {
                var behind = unit.Rates.Where(r => r.Met == false).Select(r => $"{ConditionIndicators.Of(r.Indicator).Name.Zh} {r.Percent}%").ToList();
                await output.WriteLineAsync($"  {unit.Name}: 已报 {unit.Reported}/{unit.Villages} 村{(behind.Count > 0 ? "；未达标：" + string.Join("、", behind) : "；全部达标")}");
            }
            return Ok;
        }));
        conditions.Subcommands.Add(coverage);

        var file = new Argument<FileInfo>("file") { Description = "The .xlsx, .xls or .csv file: one row per village and year, headed 村代码, 年度, … (the header may be below a title; every sheet of a workbook is read)" };
        var reason = new Option<string?>("--reason") { Description = "Why the records change (kept with the audit)" };
        var import = new Command("import", "Import village conditions, all or nothing; every fault is named by row and column") { file, reason };
        import.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"文件不存在：{path.FullName}");
                return Usage;
            }
            await using var stream = path.OpenRead();
            var result = await sp.GetRequiredService<ImportVillageConditions>().HandleAsync(new ImportVillageConditions.Request(stream, path.Name, parse.GetValue(reason)), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else
            {
                await output.WriteLineAsync($"已导入 {result.Rows} 行：新增 {result.Created}，修改 {result.Updated}，未变 {result.Unchanged}。");
                foreach (var s in result.SkippedRows)
                    await error.WriteLineAsync(s.Row == 0 ? $"  跳过：{s.Reason.Current}" : $"  跳过 {s.Where.Current}：{s.Reason.Current}");
            }
            return Ok;
        }));
        conditions.Subcommands.Add(import);
        return conditions;
    }
}
