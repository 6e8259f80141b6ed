using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Places;
using Tuopin.Domain.Common;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    private static Command AuditCommand(TextWriter output, TextWriter error)
    {
        var audit = new Command("audit", "The audit log: who changed what, when");
        var verify = new Command("verify", "Check the audit's hash chain: exit 0 when intact, 1 naming where it breaks");
        verify.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var result = await sp.GetRequiredService<VerifyAudit>().HandleAsync(ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    intact = result.Intact, entries = result.Entries, headSequence = result.HeadSequence, headHash = result.HeadHash,
                    breaks = result.Breaks.Select(b => new { sequence = b.Sequence, entryId = b.EntryId, at = b.At, userName = b.UserName, code = b.Code, problem = b.Problem }),
                }, Json));
            }
            else if (result.Intact)
            {
                await output.WriteLineAsync($"审计链完整：共 {result.Entries:N0} 条记录，链头第 {result.HeadSequence} 条，哈希 {result.HeadHash}");
                await output.WriteLineAsync("（可把链头哈希另行保存，日后核对：末尾的记录被整体替换时，只有它能说明。）");
            }
            else
            {
                await output.WriteLineAsync($"审计链不完整：共 {result.Entries:N0} 条记录，发现 {result.Breaks.Count} 处问题：");
                foreach (var b in result.Breaks) await output.WriteLineAsync($"  {b.Problem}");
            }
            return result.Intact ? Ok : Refused;
        }));
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(AuditListCommand(output, error));
        return audit;
    }

    /// <summary>
    /// <c>tuopin audit list [--user u] [--township t] [--village v] [--type T] [--kind changes|signins|reads|exports]
    /// [--from d] [--to d] [--limit n] [--out file.xlsx] [--format json]</c>: the county's audit log, newest first, with the
    /// filters of the audit-log page (the same query, <see cref="ListAuditLog"/>); with --out the whole matching log as .xlsx
    /// (<see cref="ExportAuditLog"/>, itself recorded as an export). The operator at the shell reads every county's entries,
    /// each naming its county (<see cref="AuditCounties"/>).
    /// </summary>
    private static Command AuditListCommand(TextWriter output, TextWriter error)
    {
        var user = new Option<string?>("--user") { Description = "A login name or a part of one" };
        var township = new Option<string?>("--township") { Description = "A township (name or code)" };
        var village = new Option<string?>("--village") { Description = "A village (name or code; within --township when given)" };
        var type = new Option<string?>("--type") { Description = "A record type as the log names it (Household, Member, Finding …)" };
        var kind = new Option<string?>("--kind") { Description = "changes, signins, reads or exports" };
        var from = new Option<DateOnly?>("--from") { Description = "From this day (included)" };
        var to = new Option<DateOnly?>("--to") { Description = "To this day (included)" };
        var limit = new Option<int>("--limit") { Description = "At most this many entries printed (default 50, at most 1000)", DefaultValueFactory = _ => ListAuditLog.PageSize };
        var file = new Option<string?>("--out") { Description = "Write the whole matching log to this .xlsx file" };
        var list = new Command("list", "The audit log, newest first: who changed what, when (filters as on the audit-log page)") { user, township, village, type, kind, from, to, limit, file };
        list.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            AuditLogKind? kindValue = parse.GetValue(kind)?.Trim().ToLowerInvariant() switch
            {
                null or "" => null,
                "changes" => AuditLogKind.Changes,
                "signins" => AuditLogKind.SignIns,
                "reads" => AuditLogKind.Reads,
                "exports" => AuditLogKind.Exports,
                var other => throw new InvalidRequestException([new Problem("kind", "audit.kind",
                    new LocalText($"--kind 只能是 changes、signins、reads 或 exports：{other}", $"--kind must be changes, signins, reads or exports: {other}"))]),
            };
            var places = sp.GetRequiredService<ListPlaces>();
            Guid? townshipId = null, villageId = null;
            if (parse.GetValue(township) is { Length: > 0 } t)
            {
                var found = (await places.TownshipsAsync(ct)).FirstOrDefault(x => x.Name == t.Trim() || x.Code == t.Trim())
                    ?? throw new NotFoundException(new LocalText($"没有这个乡镇：{t}", $"No such township: {t}"));
                townshipId = found.Id;
            }
            if (parse.GetValue(village) is { Length: > 0 } v)
            {
                var matches = (await places.VillagesAsync(townshipId, ct: ct)).Where(x => x.Name == v.Trim() || x.Code == v.Trim()).ToList();
                if (matches.Count == 0) throw new NotFoundException(new LocalText($"没有这个村：{v}", $"No such village: {v}"));
                if (matches.Count > 1) throw new InvalidRequestException([new Problem("village", "audit.village_ambiguous",
                    new LocalText($"有 {matches.Count} 个村叫 {v}，请同时给出 --township 或用村的代码", $"{matches.Count} villages are called {v}: give --township or the village's code"))]);
                villageId = matches[0].Id;
            }
            var filter = new ListAuditLog.Filter(parse.GetValue(user), townshipId, villageId, parse.GetValue(type), kindValue, parse.GetValue(from), parse.GetValue(to));
            if (parse.GetValue(file) is { } path)
            {
                if (!path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                {
                    await error.WriteLineAsync($"--out 只能是 .xlsx 文件：{path}");
                    return Usage;
                }
                var exported = await sp.GetRequiredService<ExportAuditLog>().HandleAsync(filter, ct);
                await File.WriteAllBytesAsync(path, exported.Content, ct);
                if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { file = path, rows = exported.Rows, matching = exported.Matching }, Json));
                else await output.WriteLineAsync($"已导出审计日志 {exported.Rows:N0} 条（符合条件 {exported.Matching:N0} 条）：{path}");
                return Ok;
            }
            var wanted = Math.Clamp(parse.GetValue(limit), 1, 1000);
            var log = sp.GetRequiredService<ListAuditLog>();
            var rows = new List<ListAuditLog.Row>();
            var page = await log.HandleAsync(filter, ct);
            var matching = page.Matching;
            rows.AddRange(page.Rows);
            while (rows.Count < wanted && page.Next is { } next)
            {
                page = await log.HandleAsync(filter with { Before = next }, ct);
                rows.AddRange(page.Rows);
            }
            rows = rows.Take(wanted).ToList();
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    matching, shown = rows.Count,
                    entries = rows.Select(r => new
                    {
                        r.Sequence, at = r.AtLocal, user = r.UserName, r.DisplayName, action = r.Action.ToString(), actionName = r.ActionName.Zh,
                        type = r.EntityType, typeName = r.TypeName.Zh, r.EntityId, r.HouseholdId, r.County, r.Township, r.Village, r.Changes, r.Reason, r.Client,
                    }),
                }, Json));
            }
            else
            {
                foreach (var r in rows)
                    await output.WriteLineAsync($"{r.AtLocal:yyyy-MM-dd HH:mm:ss} {r.UserName} {r.ActionName.Zh} {r.TypeName.Zh} {r.County}{r.Township}{r.Village} {r.Changes}{(r.Reason is { Length: > 0 } why ? $"（理由：{why}）" : "")}");
                await output.WriteLineAsync($"审计日志：符合条件 {matching:N0} 条，显示最新 {rows.Count:N0} 条");
            }
            return Ok;
        }));
        return list;
    }
}
