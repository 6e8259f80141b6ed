using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Audit;

/// <summary>
/// The county's audit log as .xlsx, with the filter the page shows (newest first, at most <see cref="Limit"/> rows,
/// the first row says what the file holds and whether it was cut). The export is itself an entry of the log.
/// </summary>
public sealed class ExportAuditLog(Database database, AccessLog log)
{
    public const int Limit = 100_000;

    public sealed record File(string Name, byte[] Content, int Rows, int Matching);

    public async Task<File> HandleAsync(ListAuditLog.Filter filter, CancellationToken ct = default)
    {
        ListAuditLog.RequireReader(database.Actor);
        await using var db = database.Open();
        var query = await ListAuditLog.QueryAsync(db, filter with { Before = null }, database.Clock, ct);
        var matching = await query.CountAsync(ct);
        using var stream = new MemoryStream();
        var written = 0;
        // The county last: a county's log is its own county's alone; the operator's holds every county's.
        using (var writer = new SheetWriter(stream, SheetFormat.Xlsx, "审计日志", [8, 20, 18, 14, 16, 18, 12, 14, 60, 24, 16, 12]))
        {
            writer.WriteRow([Heading(filter, matching), null, null, null, null, null, null, null, null, null, null, null], 1);
            writer.WriteRow(["序号", "时间", "操作人", "操作", "记录类型", "记录编号", "乡镇", "村", "内容", "原因", "来源地址", "县"], 1);
            long? before = null;
            while (written < Limit)
            {
                var page = query;
                if (before is { } b) page = page.Where(a => a.Sequence < b);
                var entries = await page.OrderByDescending(a => a.Sequence).Take(Math.Min(5_000, Limit - written)).ToListAsync(ct);
                if (entries.Count == 0) break;
                foreach (var r in await ListAuditLog.RowsAsync(db, entries, database.Clock, ct))
                    writer.WriteRow([r.Sequence, r.AtLocal.ToString("yyyy-MM-dd HH:mm:ss"), r.DisplayName is null ? r.UserName : $"{r.DisplayName}（{r.UserName}）",
                        r.ActionName.Zh, r.TypeName.Zh, r.EntityId.ToString(), r.Township, r.Village, r.Changes, r.Reason, r.Client, r.County]);
                written += entries.Count;
                before = entries[^1].Sequence;
            }
        }
        var name = $"审计日志_{database.Clock.Today():yyyyMMdd}.xlsx";
        await log.ExportAsync(database.Actor, "AuditLog", Guid.Empty, new { file = name, rows = written, matching, filter = Describe(filter) }, ct: ct);
        return new File(name, stream.ToArray(), written, matching);
    }

    private static string Heading(ListAuditLog.Filter filter, int matching)
    {
        var text = $"审计日志：{Describe(filter)}，共 {matching} 条";
        return matching > Limit ? text + $"，本文件只含最新的 {Limit} 条，请缩小筛选范围" : text;
    }

    private static string Describe(ListAuditLog.Filter f)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(f.User)) parts.Add($"操作人含“{f.User.Trim()}”");
        if (f.VillageId is not null) parts.Add("指定村");
        else if (f.TownshipId is not null) parts.Add("指定乡镇");
        if (!string.IsNullOrWhiteSpace(f.EntityType)) parts.Add($"记录类型 {AuditNames.Type(f.EntityType.Trim()).Zh}");
        if (f.Kind is { } k) parts.Add(k switch { AuditLogKind.Changes => "变更", AuditLogKind.SignIns => "登录", AuditLogKind.Reads => "查看个人信息", _ => "导出" });
        if (f.From is { } from) parts.Add($"自 {from:yyyy-MM-dd}");
        if (f.To is { } to) parts.Add($"至 {to:yyyy-MM-dd}");
        return parts.Count == 0 ? "全部记录" : string.Join("，", parts);
    }
}
