using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// The whole file of an area's exit as a .zip: a folder per checklist item (numbered in checklist order)
/// holding its documents, the households' procedure papers in a folder per household, and <c>索引.xlsx</c>
/// listing every item (required or not, present or missing) and every file with its size, SHA-256 and
/// uploader. Every stored file's hash is checked before the first byte is written, so a changed file
/// refuses the export (409, naming it) instead of producing a broken archive; then the files are streamed
/// into the archive one by one.
/// </summary>
public sealed class ExportAreaExitFile(Database database, AttachmentStore store, Audit.AccessLog log)
{
    public const string IndexName = "索引.xlsx";

    /// <summary>What the export will write: the archive's name and the work to write it.</summary>
    public sealed record Export(string FileName, Func<Stream, CancellationToken, Task> WriteAsync);

    /// <summary>Loads and verifies the file; the returned export writes the archive.</summary>
    public async Task<Export> PrepareAsync(Guid procedureId, CancellationToken ct = default)
    {
        AreaExitView view;
        await using (var db = database.Open())
        {
            var p = await AreaExitFile.FindAsync(db, procedureId, track: false, ct);
            view = await GetAreaExit.ViewAsync(db, p, ct);
        }
        // Household papers (signed agreements, ID copies) go only to roles that see personal data; the index still lists them.
        var entries = Entries(view, householdPapers: database.Actor.CanSeePersonalData);
        foreach (var (path, file, _) in entries)
            if (path is not null) await store.VerifyAsync(file.Sha256, path, ct);
        var name = $"{view.Year}年{view.Name}{view.Level switch { AreaExitLevel.Village => "出列", AreaExitLevel.Township => "乡镇出列", _ => "摘帽" }}档案.zip";
        await log.ExportAsync(database.Actor, nameof(AreaExitProcedure), procedureId, new
        {
            file = name, files = entries.Count(e => e.Path is not null), householdPapers = entries.Count(e => e.Path is not null && e.File.Household is not null),
            householdPapersLeftOut = entries.Count(e => e.Path is null),
        }, "导出出列档案", ct);
        return new Export(name, (output, token) => WriteAsync(view, entries, output, token));
    }

    /// <summary>
    /// Each file's path in the archive: <c>NN 项目名/文件名</c>, household papers under <c>NN 项目名/户编号/</c>; names
    /// made unique. Without <paramref name="householdPapers"/>, household papers are listed with no path (not packed).
    /// </summary>
    internal static List<(string? Path, EvidenceFile File, int Item)> Entries(AreaExitView view, bool householdPapers = true)
    {
        var result = new List<(string?, EvidenceFile, int)>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < view.Checklist.Count; i++)
        {
            var row = view.Checklist[i];
            var folder = $"{i + 1:00} {Safe(row.Item.Name)}";
            foreach (var file in row.Files)
            {
                if (file.Household is not null && !householdPapers)
                {
                    result.Add((null, file, i));
                    continue;
                }
                var dir = file.Household is null ? folder : $"{folder}/{Safe(file.Household)}";
                var path = $"{dir}/{Safe(file.FileName)}";
                var n = 2;
                while (!used.Add(path))
                    path = $"{dir}/{Path.GetFileNameWithoutExtension(Safe(file.FileName))} ({n++}){Path.GetExtension(file.FileName)}";
                result.Add((path, file, i));
            }
        }
        return result;
    }

    private static readonly HashSet<char> Invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();

    private static string Safe(string name)
    {
        var cleaned = new string(name.Select(c => Invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim().Trim('.');
        return cleaned.Length == 0 ? "_" : cleaned;
    }

    private async Task WriteAsync(AreaExitView view, List<(string? Path, EvidenceFile File, int Item)> entries, Stream output, CancellationToken ct)
    {
        // ZipArchive still writes a few bytes synchronously (the end of each compressed entry, the central
        // directory); a web response refuses synchronous writes, so those are held and sent asynchronously.
        var target = new AsyncOnlyStream(output);
        await WriteArchiveAsync(view, entries, target, ct);
        await target.FlushAsync(ct);
    }

    private async Task WriteArchiveAsync(AreaExitView view, List<(string? Path, EvidenceFile File, int Item)> entries, Stream output, CancellationToken ct)
    {
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, ct);
        foreach (var (path, file, _) in entries)
        {
            if (path is null) continue;
            var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
            entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(file.UploadedAt, DateTimeKind.Utc));
            await using var target = await entry.OpenAsync(ct);
            await using var source = new FileStream(store.PathOf(file.Sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await source.CopyToAsync(target, ct);
        }
        var index = zip.CreateEntry(IndexName, CompressionLevel.Fastest);
        await using (var target = await index.OpenAsync(ct))
        {
            using var workbook = new MemoryStream();
            var rows = IndexRows(view, entries);
            using (var writer = new Common.SheetWriter(workbook, Common.SheetFormat.Xlsx, "索引", [18, 8, 28, 14, 6, 8, 20, 16, 28, 40, 12, 66, 14, 22]))
            {
                writer.WriteRow([.. IndexColumns], style: 1);
                foreach (var row in rows) writer.WriteRow([.. IndexColumns.Select(c => row[c])]);
            }
            workbook.Position = 0;
            await workbook.CopyToAsync(target, ct);
        }
    }

    /// <summary>The index workbook's columns, in order.</summary>
    internal static readonly string[] IndexColumns =
        ["出列单位", "年度", "材料项目", "项目代码", "必备", "状态", "户编号", "程序步骤", "文件名", "包内路径", "大小（字节）", "SHA-256", "上传人", "上传时间"];

    /// <summary>The index: one row per file, and one row per item with no file (status 缺失 if required, 未提交 if not).</summary>
    internal static List<Dictionary<string, object?>> IndexRows(AreaExitView view, List<(string? Path, EvidenceFile File, int Item)> entries)
    {
        var rows = new List<Dictionary<string, object?>>();
        var byItem = entries.ToLookup(e => e.Item);
        for (var i = 0; i < view.Checklist.Count; i++)
        {
            var row = view.Checklist[i];
            if (!byItem[i].Any())
            {
                rows.Add(Row(view, row.Item, null, null, row.Item.Required ? "缺失" : "未提交"));
                continue;
            }
            foreach (var (path, file, _) in byItem[i]) rows.Add(Row(view, row.Item, file, path, path is null ? "已提交（含个人信息，未打包）" : "已提交"));
        }
        return rows;
    }

    private static Dictionary<string, object?> Row(AreaExitView view, EvidenceItem item, EvidenceFile? file, string? path, string status) => new()
    {
        ["出列单位"] = view.Level == AreaExitLevel.County ? view.Name : $"{view.Township}{(view.Level == AreaExitLevel.Village ? " " + view.Name : string.Empty)}",
        ["年度"] = view.Year,
        ["材料项目"] = item.Name,
        ["项目代码"] = item.Key,
        ["必备"] = item.Required ? "是" : "否",
        ["状态"] = status,
        ["户编号"] = file?.Household,
        ["程序步骤"] = file?.Step is { } step ? ProcedureRules.Name(step).Zh : null,
        ["文件名"] = file?.FileName,
        ["包内路径"] = path,
        ["大小（字节）"] = file?.Size,
        ["SHA-256"] = file?.Sha256,
        ["上传人"] = file?.UploadedBy,
        ["上传时间"] = file?.UploadedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (file is null ? null : " UTC"),
    };
}
