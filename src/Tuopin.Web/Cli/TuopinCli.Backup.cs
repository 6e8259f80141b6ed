using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tuopin.Application.Backup;
using Tuopin.Application.Common;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;

namespace Tuopin.Web.Cli;

// tuopin backup --out <file> [--key-out <file>] [--force],   tuopin restore --from <file> [--key <file>] [--force]
// and   tuopin copy --to <new database>
public static partial class TuopinCli
{
    private static Command BackupCommand(TextWriter output, TextWriter error)
    {
        var outFile = new Option<string>("--out") { Description = "The backup file to write (one .zip: database, stored files, manifest; never the personal-data key)", Required = true };
        var keyOut = new Option<string?>("--key-out") { Description = "Also write a copy of the personal-data key to this file, to keep apart from the backup" };
        var force = new Option<bool>("--force") { Description = "Replace an existing file" };
        var backup = new Command("backup", "Back up the database and its stored files while the server runs (the key is kept apart)") { outFile, keyOut, force };
        backup.SetAction((parse, ct) =>
        {
            var json = parse.GetValue(Format) == "json";
            return Guarded(json, output, error, async () =>
            {
                var settings = SettingsOf(parse);
                var key = FindKey(settings);
                var store = new AttachmentStore(Path.Combine(settings.DataDirectory, "attachments"));
                var r = await new TakeBackup(settings.Db, store, TimeProvider.System).HandleAsync(
                    new TakeBackup.Request(parse.GetValue(outFile)!, parse.GetValue(force), key.Key, key.Source, parse.GetValue(keyOut), OperatorName), ct);
                var m = r.Manifest;
                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        file = r.File,
                        bytes = r.Bytes,
                        elapsedSeconds = Math.Round(r.Elapsed.TotalSeconds, 2),
                        id = m.Id,
                        createdAt = m.CreatedAt,
                        provider = m.Provider,
                        database = m.Source,
                        lastMigration = m.Schema.LastMigration,
                        tables = m.Tables.Select(t => new { name = t.Name, rows = t.Rows }),
                        rows = m.TotalRows,
                        attachments = new { files = m.Attachments.Files, bytes = m.Attachments.Bytes, missing = m.Attachments.Missing },
                        personalDataKey = new { fingerprint = m.PersonalDataKey.Fingerprint, source = r.KeySource, inBackup = false, copy = r.KeyCopy },
                        audited = r.AuditProblem is null,
                        auditProblem = r.AuditProblem,
                    }, Json));
                    return Ok;
                }
                await output.WriteLineAsync($"已写出备份：{r.File}（{Size(r.Bytes)}，用时 {r.Elapsed.TotalSeconds:F1} 秒）");
                var (rowsZh, _) = RestoreBackup.Describe(m.Tables);
                await output.WriteLineAsync($"  数据库：{m.Source}，{m.Tables.Count} 张表，{rowsZh}；结构版本 {m.Schema.LastMigration ?? "（未建）"}");
                await output.WriteLineAsync($"  附件文件：{m.Attachments.Files:N0} 个，{Size(m.Attachments.Bytes)}");
                if (m.Attachments.Missing.Count > 0)
                    await output.WriteLineAsync($"  注意：记录中有 {m.Attachments.Missing.Count} 个附件文件在 {store.Root} 中找不到或已损坏，未能备份：{string.Join("、", m.Attachments.Missing.Take(5))}{(m.Attachments.Missing.Count > 5 ? "……" : "")}");
                await output.WriteLineAsync($"  个人信息密钥不在备份中：密钥在 {r.KeySource}（指纹 {m.PersonalDataKey.Fingerprint}）。");
                await output.WriteLineAsync("  请把密钥与备份分开保存（不同的介质或地点）：没有它，身份证号码和电话无法读取；恢复时用 tuopin restore --key <密钥文件>。");
                if (r.KeyCopy is not null)
                    await output.WriteLineAsync($"  密钥副本已写到 {r.KeyCopy}：请勿与备份文件放在一起。");
                await output.WriteLineAsync(r.AuditProblem is null ? "  已记入审计日志。" : $"  注意：审计记录未能写入数据库（{r.AuditProblem}），备份文件本身完整。");
                return Ok;
            });
        });
        return backup;
    }

    private static Command RestoreCommand(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from") { Description = "The backup file", Required = true };
        var keyFile = new Option<string?>("--key") { Description = "The personal-data key file kept apart from the backup (default: TUOPIN_PERSONAL_DATA_KEY or <data-dir>/personal-data.key)" };
        var force = new Option<bool>("--force") { Description = "Replace a database that holds data" };
        var restore = new Command("restore", "Restore a backup into an empty database (or, with --force, in place of one); the key must match the backup's") { from, keyFile, force };
        restore.SetAction((parse, ct) =>
        {
            var json = parse.GetValue(Format) == "json";
            return Guarded(json, output, error, async () =>
            {
                var settings = SettingsOf(parse);
                var store = new AttachmentStore(Path.Combine(settings.DataDirectory, "attachments"));
                var r = await new RestoreBackup(settings.Db, store, TimeProvider.System).HandleAsync(
                    new RestoreBackup.Request(parse.GetValue(from)!, parse.GetValue(force), parse.GetValue(keyFile), settings.PersonalDataKey, settings.KeyFile, OperatorName), ct);
                var m = r.Manifest;
                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        database = settings.Db.Display,
                        elapsedSeconds = Math.Round(r.Elapsed.TotalSeconds, 2),
                        backup = new { id = m.Id, file = Path.GetFullPath(parse.GetValue(from)!), createdAt = m.CreatedAt, createdBy = m.CreatedBy, program = m.Program },
                        tables = r.Tables.Select(t => new { name = t.Name, rows = t.Rows }),
                        rows = r.Tables.Sum(t => t.Rows),
                        matchesManifest = true,
                        replaced = r.Replaced?.Select(t => new { name = t.Name, rows = t.Rows }),
                        replacedKeptAs = r.ReplacedKeptAs,
                        attachments = new { written = r.AttachmentsWritten, present = r.AttachmentsPresent },
                        migrated = r.Migrated,
                        personalDataKey = new { fingerprint = m.PersonalDataKey.Fingerprint, source = r.KeySource, installed = r.KeyInstalled },
                        audited = true,
                    }, Json));
                    return Ok;
                }
                await output.WriteLineAsync($"已恢复到 {settings.Db.Display}（用时 {r.Elapsed.TotalSeconds:F1} 秒）");
                await output.WriteLineAsync($"  备份：{m.Id}，{m.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC 由 {m.CreatedBy} 写出（{m.Program}）");
                if (r.Replaced is not null)
                    await output.WriteLineAsync($"  已替换原有数据：{RestoreBackup.Describe(r.Replaced).Zh}{(r.ReplacedKeptAs is null ? "（未保留）" : $"；原文件保留为 {r.ReplacedKeptAs}，确认无误后可删除")}");
                foreach (var t in r.Tables.Where(t => t.Rows > 0))
                    await output.WriteLineAsync($"  {t.Name,-28}{t.Rows,12:N0}");
                await output.WriteLineAsync($"  共 {r.Tables.Count} 张表 {r.Tables.Sum(t => t.Rows):N0} 行，与备份清单一致（另有本次恢复的审计记录 1 条）");
                await output.WriteLineAsync($"  附件文件：写入 {r.AttachmentsWritten:N0} 个，已存在 {r.AttachmentsPresent:N0} 个（{store.Root}）");
                if (r.Migrated.Count > 0)
                    await output.WriteLineAsync($"  备份的数据库结构较旧，已升级：{string.Join("、", r.Migrated)}");
                await output.WriteLineAsync($"  个人信息密钥：{r.KeySource}（指纹 {m.PersonalDataKey.Fingerprint}，与备份一致）{(r.KeyInstalled is null ? "" : $"；已复制到 {r.KeyInstalled} 供程序使用")}");
                return Ok;
            });
        });
        return restore;
    }

    private static Command CopyCommand(TextWriter output, TextWriter error)
    {
        var to = new Option<string>("--to") { Description = "The new database to copy into (a PostgreSQL connection string or a SQLite file); it is migrated first and must hold no data", Required = true };
        var copy = new Command("copy", "Copy the whole database (--db) into a new one, across SQLite and PostgreSQL: how a county moves to PostgreSQL") { to };
        copy.SetAction((parse, ct) =>
        {
            var json = parse.GetValue(Format) == "json";
            return Guarded(json, output, error, async () =>
            {
                var settings = SettingsOf(parse);
                var target = DbTarget.Parse(parse.GetValue(to)!);
                using var protector = new PersonalDataProtector(FindKey(settings).Key);
                var started = System.Diagnostics.Stopwatch.StartNew();
                var r = await new CopyDatabase(protector, TimeProvider.System).HandleAsync(settings.Db, target, ct);
                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        from = settings.Db.Display,
                        to = target.Display,
                        elapsedSeconds = Math.Round(started.Elapsed.TotalSeconds, 2),
                        tables = r.Tables.Select(t => new { name = t.Table, rows = t.Rows }),
                        rows = r.Rows,
                    }, Json));
                    return Ok;
                }
                await output.WriteLineAsync($"已将 {settings.Db.Display} 复制到 {target.Display}（用时 {started.Elapsed.TotalSeconds:F1} 秒）");
                foreach (var t in r.Tables.Where(t => t.Rows > 0))
                    await output.WriteLineAsync($"  {t.Table,-28}{t.Rows,12:N0}");
                await output.WriteLineAsync($"  共 {r.Tables.Count} 张表 {r.Rows:N0} 行，两边逐表计数一致");
                await output.WriteLineAsync("  附件文件仍在数据目录（attachments）中；个人信息密钥不变，新数据库须与原数据库用同一密钥。");
                await output.WriteLineAsync($"  以后请以 --db \"{target.Display}\" 的连接串运行 tuopin serve。");
                return Ok;
            });
        });
        return copy;
    }

    /// <summary>The key the database is written with, without making one (a backup never invents a key).</summary>
    private static (byte[] Key, string Source) FindKey(TuopinSettings settings)
    {
        try
        {
            return PersonalDataKey.Find(settings.PersonalDataKey, settings.KeyFile) ?? throw new BackupRefusedException(new Domain.Common.LocalText(
                $"找不到个人信息密钥：{settings.KeyFile} 不存在，也未设置 TUOPIN_PERSONAL_DATA_KEY。请用 --data-dir 指明程序的数据目录",
                $"No personal-data key: {settings.KeyFile} does not exist and TUOPIN_PERSONAL_DATA_KEY is not set. Name the program's data folder with --data-dir"));
        }
        catch (InvalidOperationException e)
        {
            throw new BackupRefusedException(new Domain.Common.LocalText($"密钥无法读取：{e.Message}", $"The key cannot be read: {e.Message}"));
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 30):F1} GB"),
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):F1} MB"),
        >= 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KB"),
        _ => $"{bytes} B",
    };
}
