using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;

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
            await sp.GetRequiredService<MigrateDatabase>().HandleAsync(ct);
            var file = parse.GetValue(loadFile);
            var document = file is null ? PlanDocument.BuiltIn() : PlanDocument.Parse(await File.ReadAllTextAsync(file, ct));
            var result = await sp.GetRequiredService<LoadPlan>().HandleAsync(new LoadPlan.Request(document, file is null ? $"{PlanDocument.BuiltInLaifeng}-plan.json" : Path.GetFileName(file)), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else await output.WriteLineAsync(result.Unchanged
                ? $"{result.County}的方案与第{result.Version}版相同，未新增版本。"
                : $"已载入{result.County}的方案，第{result.Version}版{(result.Findings > 0 ? $"（方案自身有 {result.Findings} 个问题，见 tuopin plan check）" : "")}。");
            return Ok;
        }));
        plan.Subcommands.Add(load);

        var setYear = new Argument<int?>("year") { Description = "Set the working year to this year; without it, show the year and what it lacks", Arity = ArgumentArity.ZeroOrOne };
        var workingYear = new Command("year", "The working year (工作年度), every page's default year, and what it still lacks (poverty line, plan target, incomes …)") { setYear };
        workingYear.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await sp.GetRequiredService<MigrateDatabase>().HandleAsync(ct);
            if (parse.GetValue(setYear) is { } y) await sp.GetRequiredService<SetWorkingYear>().HandleAsync(new SetWorkingYear.Request(y), ct);
            var setup = await sp.GetRequiredService<CheckYearSetup>().HandleAsync(ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(setup, Json));
                return Ok;
            }
            await output.WriteLineAsync($"工作年度：{setup.Year}{(setup.YearSet ? "" : "（未设置，按日历年）")}");
            await output.WriteLineAsync(setup.Gaps.Count == 0 ? "该年度所需的配置已齐全。" : $"该年度还缺（{setup.Gaps.Count}）：");
            foreach (var g in setup.Gaps)
                await output.WriteLineAsync($"  [{(g.Blocking ? "缺少" : "待完善")}] {g.Text.Zh}（{g.LinkText.Zh}：{g.Link}）");
            return Ok;
        }));
        plan.Subcommands.Add(workingYear);
        return plan;
    }

    /// <summary><c>tuopin progress --year y</c>: targets and actuals by unit.</summary>
    private static Command ProgressCommand(TextWriter output, TextWriter error)
    {
        var year = new Option<int?>("--year") { Description = "The year to report as of (its end); default: the work year" };
        var xlsx = new Option<string?>("--xlsx") { Description = "Also write the progress tables to this Excel file" };
        var progress = new Command("progress", "Progress against the plan: targets and actuals by year, township, zone and village") { year, xlsx };
        progress.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var y = parse.GetValue(year);
            if (y is < 2000 or > 2100)
            {
                await error.WriteLineAsync($"--year {y}: 应为2000到2100之间的年份");
                return Usage;
            }
            var r = await sp.GetRequiredService<GetProgress>().HandleAsync(new GetProgress.Query(y), ct);
            if (parse.GetValue(xlsx) is { } file)
            {
                await File.WriteAllBytesAsync(file, ProgressWorkbook.Write(r), ct);
                if (!json) await output.WriteLineAsync($"进度表已导出到 {file}");
            }
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(r, Json));
                return Ok;
            }
            await output.WriteLineAsync($"{r.AreaName} 截至{r.AsOf:yyyy-MM-dd}的进度（{r.PlanTitle} 第{r.PlanVersion}版；出列标准：贫困发生率低于{r.IncidenceThreshold}%）");
            await output.WriteLineAsync("");
            await output.WriteLineAsync("年度   目标户数  实际户数   目标人数  实际人数   计划剩余户  实际剩余户  出列村目标 达标");
            foreach (var row in r.Years)
                await output.WriteLineAsync($"{row.Year}  {row.Target.Households,9:N0} {N(row.Actual?.Households),9} {row.Target.People,10:N0} {N(row.Actual?.People),9} {row.PlannedRemaining.Households,11:N0} {N(row.ActualRemaining?.Households),11} {N(row.PoorVillagesTarget),10} {N(row.PoorVillagesMeeting),4}{(row.Behind ? "  落后" : "")}");
            await output.WriteLineAsync("");
            await output.WriteLineAsync("单位             出列年 建档户   已脱贫户  未脱贫户 未脱贫人  户籍人口  发生率%  贫困村(达标)  状态        责任单位");
            foreach (var u in new[] { r.County }.Concat(r.Townships).Concat(r.Zones).Concat(r.Villages.Where(v => v.IsPoor || v.Remaining.Households > 0)))
                await output.WriteLineAsync($"{Pad(u.Level == GetProgress.Village ? $"{u.TownshipName}{u.Name}" : u.Level == GetProgress.Zone ? $"片区 {u.Name}" : u.Name, 16)} {u.PlannedExitYear?.ToString() ?? "—",5} {u.Registered.Households,7:N0} {u.Exited.Households,9:N0} {u.Remaining.Households,8:N0} {u.Remaining.People,8:N0} {N(u.Population),9} {u.IncidenceRate?.ToString("0.00") ?? "—",8} {u.PoorVillages,6}({u.PoorVillagesMeeting,3})  {StatusText(u.Status),-10} {u.Responsible}");
            await output.WriteLineAsync("");
            await output.WriteLineAsync("期限");
            foreach (var d in r.Deadlines)
                await output.WriteLineAsync($"  {d.Date:yyyy-MM-dd} {StatusText(d.Status),-6} {d.Name}（{d.Responsible}）：{d.Detail.Zh}");
            await output.WriteLineAsync("");
            await output.WriteLineAsync(r.Alerts.Count == 0 ? "没有落后的单位或逾期的期限。" : $"需要关注（{r.Alerts.Count}）：");
            foreach (var a in r.Alerts)
                await output.WriteLineAsync($"  [{StatusText(a.Kind)}] {a.Unit}：{a.Message.Zh}；责任单位：{a.Responsible ?? "—"}");
            return Ok;
        }));
        return progress;
    }

    private static string N(int? value) => value?.ToString("N0") ?? "—";

    private static string Pad(string text, int width)
    {
        // Chinese characters take two columns in a terminal.
        var columns = text.Sum(c => c > 0x2E80 ? 2 : 1);
        return columns >= width ? text : text + new string(' ', width - columns);
    }

    private static string StatusText(string status) => ProgressWorkbook.StatusName(status);

    /// <summary>
    /// <c>tuopin rollup [--area code] [--year y] [--out file.xlsx] [--format json]</c>: the roll-up (汇总) of a province,
    /// prefecture or county by its GB/T 2260 code — every county's registered, exited, remaining and year-end poor
    /// households and people, and the incidence from the sums (ADR 0016); all counties when no area is given.
    /// </summary>
    private static Command RollupCommand(TextWriter output, TextWriter error)
    {
        var area = new Option<string?>("--area") { Description = "The province, prefecture or county code, e.g. 422800 (default: every county)" };
        var year = new Option<int?>("--year") { Description = "The year whose end is counted (default: the work year)" };
        var file = new Option<string?>("--out") { Description = "The .xlsx file to write" };
        var rollup = new Command("rollup", "The roll-up of a province, prefecture or county (汇总)") { area, year, file };
        rollup.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file);
            if (path is not null && !path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                await error.WriteLineAsync($"--out 只能是 .xlsx 文件：{path}");
                return Usage;
            }
            return await WithServices(parse, output, error, async (sp, json) =>
            {
                var r = await sp.GetRequiredService<GetRollup>().HandleAsync(new GetRollup.Query(parse.GetValue(area), parse.GetValue(year)), ct);
                if (path is not null)
                {
                    var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                    if (directory is not null) Directory.CreateDirectory(directory);
                    await File.WriteAllBytesAsync(path, RollupWorkbook.Write(r), ct);
                }
                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new { file = path is null ? null : Path.GetFullPath(path), rollup = r }, Json));
                    return Ok;
                }
                await output.WriteLineAsync($"{r.Name} {r.Code} 汇总（{r.Year}年末）/ roll-up, end of {r.Year}: {r.Counties.Count} 个县 / counties");
                foreach (var c in r.Counties)
                    await output.WriteLineAsync($"  {c.Code} {c.Name}  建档立卡 {c.Figures.Registered.Households} 户 {c.Figures.Registered.People} 人，未脱贫 {c.Figures.Remaining.People} 人，贫困发生率 {Domain.Registry.PovertyIncidence.Text(c.Figures.Incidence)}");
                await output.WriteLineAsync($"  合计 / total  建档立卡 {r.Total.Registered.Households} 户 {r.Total.Registered.People} 人，未脱贫 {r.Total.Remaining.People} 人，贫困发生率 {Domain.Registry.PovertyIncidence.Text(r.Total.Incidence)}");
                if (path is not null) await output.WriteLineAsync($"已写入 / written: {Path.GetFullPath(path)}");
                return Ok;
            });
        });
        return rollup;
    }

}
