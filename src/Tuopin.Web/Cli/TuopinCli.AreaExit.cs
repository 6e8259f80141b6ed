using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.AreaExit;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Procedures;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    private static readonly Dictionary<string, AreaExitLevel> AreaExitLevels = new()
    {
        ["village"] = AreaExitLevel.Village,
        ["township"] = AreaExitLevel.Township,
    };

    /// <summary>
    /// <c>tuopin exit area list|export</c>: the board of a year's exiting villages or townships, and the .zip of
    /// one area's whole file. <c>list</c> exits 0; <c>export</c> exits 1 when refused (e.g. a stored file changed).
    /// </summary>
    private static Command AreaExitCommand(TextWriter output, TextWriter error)
    {
        var area = new Command("area", "Village and township exit procedures and their evidence (贫困村、乡镇出列)");
        var year = new Option<int>("--year") { Description = "The exit year", Required = true };
        var level = new Option<string>("--level") { Description = "village or township", DefaultValueFactory = _ => "village" };
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
                await output.WriteLineAsync($"  {r.Code} {r.Township}{(r.Level == AreaExitLevel.Village ? r.Name : string.Empty)}  {stage}  {ready}  {evidence}");
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
            Guid? id;
            await using (var db = sp.GetRequiredService<Database>().Open())
            {
                var (t, v) = lvl == AreaExitLevel.Village ? await PlaceFilterAsync(sp, null, name, ct) : await PlaceFilterAsync(sp, name, null, ct);
                var areaId = (lvl == AreaExitLevel.Village ? v : t)!.Value;
                id = await db.AreaExitProcedures.Where(p => p.Level == lvl && p.AreaId == areaId && p.Year == y).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
            }
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
