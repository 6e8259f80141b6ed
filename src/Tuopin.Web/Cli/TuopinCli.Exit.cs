using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Places;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    private static readonly Dictionary<string, ExitLevel> ExitLevels = new()
    {
        ["household"] = ExitLevel.Household,
        ["village"] = ExitLevel.Village,
        ["township"] = ExitLevel.Township,
        ["county"] = ExitLevel.County,
    };

    /// <summary>
    /// <c>tuopin exit assess|whatif|line|standards|risks|report</c>. <c>assess</c> exits 0 when every unit listed is
    /// ready, 1 when some are not (or the request is refused, e.g. the year's poverty line is not set).
    /// </summary>
    private static Command ExitCommand(TextWriter output, TextWriter error)
    {
        var exit = new Command("exit", "Exit standards, assessment, what-if and after-exit risks (脱贫退出)");
        var year = new Option<int>("--year") { Description = "The exit year assessed", Required = true };
        var level = new Option<string>("--level") { Description = "household, village, township or county", DefaultValueFactory = _ => "household" };
        level.AcceptOnlyFromAmong(ExitLevels.Keys.ToArray());
        var township = new Option<string?>("--township") { Description = "Only this township (name or 9-digit code)" };
        var village = new Option<string?>("--village") { Description = "Only this village (12-digit code or township/village name)" };
        var notReady = new Option<bool>("--not-ready") { Description = "List only the units that are not ready" };

        var assess = new Command("assess", "Who may exit in a year, with every failing condition and its figures") { year, level, township, village, notReady };
        assess.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var (t, v) = await PlaceFilterAsync(sp, parse.GetValue(township), parse.GetValue(village), ct);
            var result = await sp.GetRequiredService<AssessExit>().HandleAsync(
                new AssessExit.Request(parse.GetValue(year), ExitLevels[parse.GetValue(level)!], t, v, OnlyNotReady: parse.GetValue(notReady)), ct);
            await WriteAssessmentAsync(output, result, json);
            return result.NotReady == 0 ? Ok : Refused;
        }));
        exit.Subcommands.Add(assess);

        var housing = new Option<bool>("--housing-safe") { Description = "Assume dangerous housing made safe" };
        var school = new Option<bool>("--back-to-school") { Description = "Assume school-age children back in school" };
        var insurance = new Option<bool>("--insured") { Description = "Assume every member enrolled in basic medical insurance" };
        var raise = new Option<decimal?>("--income-raise") { Description = "Assume per-capita net income raised by this many yuan" };
        var whatIf = new Command("whatif", "Which households would become ready if the given measures were completed") { year, township, village, housing, school, insurance, raise };
        whatIf.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var (t, v) = await PlaceFilterAsync(sp, parse.GetValue(township), parse.GetValue(village), ct);
            var measures = new Measures(parse.GetValue(housing), parse.GetValue(school), parse.GetValue(insurance),
                parse.GetValue(raise) is { } r ? Money.FromYuan(r) : null);
            var result = await sp.GetRequiredService<PreviewExitMeasures>().HandleAsync(new PreviewExitMeasures.Request(parse.GetValue(year), measures, t, v), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else
            {
                await output.WriteLineAsync($"{result.Year} 年：未达标 {result.NotReadyBefore:N0} 户；完成所选措施后将达标 {result.BecomeReady.Count:N0} 户 {result.BecomeReady.Sum(h => h.People):N0} 人，仍未达标 {result.StillNotReady:N0} 户");
                foreach (var h in result.BecomeReady)
                    await output.WriteLineAsync($"  {h.Number} {h.Township}{h.Village} {h.Head}：{string.Join("；", h.Resolved.Select(c => c.Explanation.Current))}");
            }
            return Ok;
        }));
        exit.Subcommands.Add(whatIf);

        var line = new Command("line", "National poverty lines by year (国家扶贫标准)");
        var lineList = new Command("list", "The lines set");
        lineList.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var lines = await sp.GetRequiredService<ListPovertyLines>().HandleAsync(ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(lines, Json));
            else foreach (var l in lines) await output.WriteLineAsync($"{l.Year}  {HouseholdStandard.Yuan(l.Amount),8} 元  {l.Source}");
            return Ok;
        }));
        var amount = new Option<decimal>("--amount") { Description = "Yuan per person per year", Required = true };
        var source = new Option<string>("--source") { Description = "Where the line comes from", Required = true };
        var lineSet = new Command("set", "Set the line of a year (audited)") { year, amount, source };
        lineSet.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await sp.GetRequiredService<SetPovertyLine>().HandleAsync(new SetPovertyLine.Request(parse.GetValue(year), parse.GetValue(amount), parse.GetValue(source)!), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { year = parse.GetValue(year), amount = parse.GetValue(amount) }, Json));
            else await output.WriteLineAsync($"已设置 {parse.GetValue(year)} 年国家扶贫标准：{HouseholdStandard.Yuan(parse.GetValue(amount))} 元");
            return Ok;
        }));
        line.Subcommands.Add(lineList);
        line.Subcommands.Add(lineSet);
        exit.Subcommands.Add(line);

        var standards = new Command("standards", "The county's exit standards");
        var show = new Command("show", "Show the standards");
        show.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var result = await sp.GetRequiredService<GetExitStandards>().HandleAsync(null, ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else
            {
                var s = result.Standards;
                await output.WriteLineAsync($"{result.County}{(result.IsWestern ? "（西部）" : string.Empty)}{(result.Saved ? string.Empty : "（默认值，尚未保存）")}");
                await output.WriteLineAsync($"  贫困发生率上限：村 {s.VillageIncidenceLimit}%，乡镇 {s.TownshipIncidenceLimit}%，县 {s.CountyIncidenceLimit}%");
                await output.WriteLineAsync($"  错退率 < {s.WrongExitLimit}%，漏评率 < {s.MissedLimit}%，认可度 > {s.ApprovalMinimum}%");
                await output.WriteLineAsync($"  村集体经济收入下限：{(s.VillageCollectiveIncomeMinimum is { } m ? HouseholdStandard.Yuan(m.Yuan) + " 元" : "未设置")}；村级条件：{(s.RequiredConditions().Count == 0 ? "未设置" : string.Join("、", s.RequiredConditions().Select(k => VillageConditionKeys.All[k].Zh)))}");
                foreach (var l in result.PovertyLines) await output.WriteLineAsync($"  {l.Year} 年国家扶贫标准 {HouseholdStandard.Yuan(l.Amount)} 元");
            }
            return Ok;
        }));
        var villageLimit = new Option<decimal?>("--village-incidence") { Description = "Village incidence limit, %" };
        var townshipLimit = new Option<decimal?>("--township-incidence") { Description = "Township incidence limit, %" };
        var countyLimit = new Option<decimal?>("--county-incidence") { Description = "County incidence limit, %" };
        var collective = new Option<decimal?>("--collective-income") { Description = "Village collective income minimum, yuan (0 removes it)" };
        var conditions = new Option<string?>("--village-conditions") { Description = "Required village conditions, comma-separated keys: " + string.Join(",", VillageConditionKeys.All.Keys) };
        var margin = new Option<decimal?>("--risk-margin") { Description = "After exit: flag income within this % above the line" };
        var set = new Command("set", "Change the standards (audited)") { villageLimit, townshipLimit, countyLimit, collective, conditions, margin };
        set.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var s = (await sp.GetRequiredService<GetExitStandards>().HandleAsync(null, ct)).Standards;
            if (parse.GetValue(villageLimit) is { } vl) s.VillageIncidenceLimit = vl;
            if (parse.GetValue(townshipLimit) is { } tl) s.TownshipIncidenceLimit = tl;
            if (parse.GetValue(countyLimit) is { } cl) s.CountyIncidenceLimit = cl;
            if (parse.GetValue(collective) is { } ci) s.VillageCollectiveIncomeMinimum = ci == 0 ? null : Money.FromYuan(ci);
            if (parse.GetValue(conditions) is { } cs) s.RequiredVillageConditions = cs;
            if (parse.GetValue(margin) is { } rm) s.RiskIncomeMargin = rm;
            await sp.GetRequiredService<UpdateExitStandards>().HandleAsync(s, "命令行修改", ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { saved = true }, Json) : "退出标准已保存。");
            return Ok;
        }));
        standards.Subcommands.Add(show);
        standards.Subcommands.Add(set);
        exit.Subcommands.Add(standards);

        var risks = new Command("risks", "Exited households showing risk signals (巩固提升)") { year, township };
        risks.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var (t, _) = await PlaceFilterAsync(sp, parse.GetValue(township), null, ct);
            var result = await sp.GetRequiredService<ListExitRisks>().HandleAsync(new ListExitRisks.Request(parse.GetValue(year), t), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else
            {
                await output.WriteLineAsync($"{result.Year} 年：已脱贫户中有风险信号的 {result.Households.Count:N0} 户");
                foreach (var b in result.ByTownship) await output.WriteLineAsync($"  {b.Township,-8} {b.Households,6:N0} 户");
                foreach (var h in result.Households)
                    await output.WriteLineAsync($"  {h.Number} {h.Township}{h.Village} {h.Head}（{h.ExitYear} 年脱贫）：{string.Join("；", h.Signals.Select(s => s.Explanation.Current))}");
            }
            return result.Households.Count == 0 ? Ok : Refused;
        }));
        exit.Subcommands.Add(risks);

        var procedures = new Command("procedures", "The households' exit procedures of a year (退出程序): where each stands") { year, township, village };
        procedures.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var (t, v) = await PlaceFilterAsync(sp, parse.GetValue(township), parse.GetValue(village), ct);
            var board = await sp.GetRequiredService<Tuopin.Application.Exit.GetProcedureBoard>().HandleAsync(new(parse.GetValue(year), t, v), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(board, Json));
            else
            {
                await output.WriteLineAsync($"{board.Year} 年退出程序：{board.Rows.Count:N0} 户（撤回 {board.Withdrawn:N0} 户）");
                foreach (var (step, count) in board.AtStage.Where(s => s.Value > 0))
                    await output.WriteLineAsync($"  {Tuopin.Domain.Exit.ProcedureRules.Name(step).Current,-12} {count,6:N0} 户");
                foreach (var r in board.Rows)
                    await output.WriteLineAsync(
                        $"  {r.Number} {r.Township}{r.Village} {r.Head}：{(r.Withdrawn ? "已撤回" : Tuopin.Domain.Exit.ProcedureRules.Name(r.Stage).Current)}（{r.LastDate:yyyy-MM-dd}）" +
                        (r.Next is { } next && !r.Withdrawn ? $"，下一步 {Tuopin.Domain.Exit.ProcedureRules.Name(next).Current}" : string.Empty) +
                        (r.NoticeEndsOn is { } ends ? $"，公示截止 {ends:yyyy-MM-dd}" : string.Empty) +
                        (r.OpenObjections > 0 ? $"，未处理异议 {r.OpenObjections}" : string.Empty) +
                        $"，材料 {r.Papers}/{r.PapersExpected}");
            }
            return Ok;
        }));
        exit.Subcommands.Add(procedures);
        exit.Subcommands.Add(ExitReportCommand(output, error));
        exit.Subcommands.Add(AreaExitCommand(output, error));
        return exit;
    }

    private static async Task WriteAssessmentAsync(TextWriter output, AssessExit.Result result, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                year = result.Year,
                level = result.Level,
                povertyLine = result.PovertyLine,
                ready = result.Ready,
                notReady = result.NotReady,
                units = result.Units.Select(u => new
                {
                    level = u.Level,
                    id = u.Id,
                    code = u.Code,
                    name = u.Name,
                    township = u.Township,
                    village = u.Village,
                    u.Ready,
                    u.PlannedExitYear,
                    u.Status,
                    u.ExitYear,
                    u.People,
                    u.Figures,
                    conditions = u.Conditions.Select(c => new { rule = c.Rule, name = c.Name.Zh, state = c.State, met = c.Met, explanation = c.Explanation.Zh, explanationEn = c.Explanation.En, value = c.Value, threshold = c.Threshold }),
                }),
            }, Json));
            return;
        }
        var levelName = result.Level switch { ExitLevel.Household => "贫困户脱贫", ExitLevel.Village => "贫困村出列", ExitLevel.Township => "乡镇出列", _ => "贫困县摘帽" };
        await output.WriteLineAsync($"{result.Year} 年{levelName}评估（国家扶贫标准 {HouseholdStandard.Yuan(result.PovertyLine)} 元）：达标 {result.Ready:N0}，未达标 {result.NotReady:N0}");
        foreach (var u in result.Units)
        {
            var place = u.Level switch { ExitLevel.Household => $"{u.Township}{u.Village} {u.Code} {u.Name}", ExitLevel.Village => $"{u.Township}{u.Name} {u.Code}", _ => $"{u.Name} {u.Code}" };
            var figures = u.Figures is { } f ? $"（剩余贫困 {f.RemainingHouseholds:N0} 户 {f.RemainingPeople:N0} 人，本年达标 {f.ReadyHouseholds:N0} 户 {f.ReadyPeople:N0} 人）" : string.Empty;
            await output.WriteLineAsync($"{(u.Ready ? "达标  " : "未达标")} {place}{figures}");
            foreach (var c in u.Failing) await output.WriteLineAsync($"    {(c.State == ConditionState.NotEvaluated ? "待评" : "✗")} {c.Name.Zh}：{c.Explanation.Zh}");
        }
    }

    /// <summary>Finds the township (name or code) and village (code or township/village) a command narrows to.</summary>
    private static async Task<(Guid? Township, Guid? Village)> PlaceFilterAsync(IServiceProvider sp, string? township, string? village, CancellationToken ct)
    {
        var place = await sp.GetRequiredService<FindPlace>().HandleAsync(new FindPlace.Request(township, village), ct);
        return (place.TownshipId, place.VillageId);
    }

    /// <summary>
    /// <c>tuopin exit report --level village|township --area &lt;code or name&gt; --year y --out file.docx|file.xlsx</c>:
    /// the self-assessment report (自查报告) of a poor village or a township. Exits 0 when written (whether or
    /// not the unit meets the standard; the text says which), 1 when refused, 2 on usage errors.
    /// </summary>
    private static Command ExitReportCommand(TextWriter output, TextWriter error)
    {
        var level = new Option<string>("--level") { Description = "village, township or county (the county's own exit, 摘帽)", Required = true };
        level.AcceptOnlyFromAmong("village", "township", "county");
        var area = new Option<string>("--area") { Description = "The village (12-digit code or township/village name), township (9-digit code or name) or county (6-digit code or name)", Required = true };
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
                SelfAssessmentReport.Request request;
                if (parse.GetValue(level) == "county")
                    request = new(ExitLevel.County, await sp.GetRequiredService<FindAreaExitProcedure>().CountyAsync(name, ct), parse.GetValue(year));
                else
                {
                    var (t, v) = await PlaceFilterAsync(sp, village ? null : name, village ? name : null, ct);
                    request = new(village ? ExitLevel.Village : ExitLevel.Township, village ? v!.Value : t!.Value, parse.GetValue(year));
                }
                var model = await sp.GetRequiredService<SelfAssessmentReport>().HandleAsync(request, ct);
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

    private static readonly Dictionary<string, AreaExitLevel> AreaExitLevels = new()
    {
        ["village"] = AreaExitLevel.Village,
        ["township"] = AreaExitLevel.Township,
        ["county"] = AreaExitLevel.County,
    };

    /// <summary>
    /// <c>tuopin exit area list|export</c>: the board of a year's exiting villages or townships, and the .zip of
    /// one area's whole file. <c>list</c> exits 0; <c>export</c> exits 1 when refused (e.g. a stored file changed).
    /// </summary>
    private static Command AreaExitCommand(TextWriter output, TextWriter error)
    {
        var area = new Command("area", "Village and township exit procedures and the county's own exit, with their evidence (贫困村、乡镇出列，贫困县摘帽)");
        var year = new Option<int>("--year") { Description = "The exit year", Required = true };
        var level = new Option<string>("--level") { Description = "village, township or county", DefaultValueFactory = _ => "village" };
        level.AcceptOnlyFromAmong(AreaExitLevels.Keys.ToArray());

        var list = new Command("list", "Each exiting village (township) of a year: stage, readiness, evidence present/missing") { year, level };
        list.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var board = await sp.GetRequiredService<GetAreaExitBoard>().HandleAsync(new GetAreaExitBoard.Query(parse.GetValue(year), AreaExitLevels[parse.GetValue(level)!]), ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(board, Json));
                return Ok;
            }
            await output.WriteLineAsync($"{board.Year} 年{AreaExitRules.LevelName(board.Level).Zh}：{board.Rows.Count} 个；申请截止 {AreaExitRules.Day(board.Deadline)}（{board.DeadlineSource.Zh}）");
            if (board.ReadinessNote is { } note) await output.WriteLineAsync($"  达标情况无法评估：{note.Zh}");
            foreach (var r in board.Rows)
            {
                var stage = r.Exited ? $"已出列（{AreaExitRules.Day(r.ExitedOn)}）" : r.ProcedureId is null ? "未开始" : $"{AreaExitRules.Name(r.Stage).Zh}{(r.Round > 1 ? $"（第 {r.Round} 轮）" : string.Empty)}";
                var ready = r.Ready switch { true => "达标", false => $"未达标：{string.Join("、", r.Failing)}", null => "未评估" };
                var evidence = $"必备材料 {r.RequiredPresent}/{r.RequiredItems}{(r.Missing.Count > 0 ? $"，缺：{string.Join("、", r.Missing)}" : string.Empty)}；户退出材料 {r.HouseholdPapers} 份";
                await output.WriteLineAsync($"  {r.Code} {(r.Level == AreaExitLevel.County ? r.Name : r.Township)}{(r.Level == AreaExitLevel.Village ? r.Name : string.Empty)}  {stage}  {ready}  {evidence}");
            }
            return Ok;
        }));
        area.Subcommands.Add(list);

        var place = new Option<string>("--area") { Description = "The village (12-digit code or township/village) or township (name or 9-digit code)", Required = true };
        var file = new Option<string>("--out") { Description = "The .zip file to write", Required = true };
        var export = new Command("export", "Write an area's whole file as a .zip (documents by checklist item and 索引.xlsx); hashes are checked first") { year, level, place, file };
        export.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var lvl = AreaExitLevels[parse.GetValue(level)!];
            var name = parse.GetValue(place)!;
            var y = parse.GetValue(year);
            var find = sp.GetRequiredService<FindAreaExitProcedure>();
            Guid areaId;
            if (lvl == AreaExitLevel.County) areaId = await find.CountyAsync(name, ct);
            else
            {
                var (t, v) = lvl == AreaExitLevel.Village ? await PlaceFilterAsync(sp, null, name, ct) : await PlaceFilterAsync(sp, name, null, ct);
                areaId = (lvl == AreaExitLevel.Village ? v : t)!.Value;
            }
            var id = await find.HandleAsync(new FindAreaExitProcedure.Request(lvl, areaId, y), ct);
            if (id is null)
                throw new NotFoundException(new LocalText($"{name} 没有 {y} 年的出列程序", $"{name} has no exit procedure for {y}"));
            var prepared = await sp.GetRequiredService<ExportAreaExitFile>().PrepareAsync(id.Value, ct);
            var path = Path.GetFullPath(parse.GetValue(file)!);
            await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await prepared.WriteAsync(stream, ct);
            var size = new FileInfo(path).Length;
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { file = path, name = prepared.FileName, bytes = size }, Json));
            else await output.WriteLineAsync($"已导出 {prepared.FileName} → {path}（{size:N0} 字节）");
            return Ok;
        }));
        area.Subcommands.Add(export);
        return area;
    }
}
