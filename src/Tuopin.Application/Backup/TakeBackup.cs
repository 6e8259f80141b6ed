using System.Data;
using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Backup;

/// <summary>
/// Writes one backup file (<see cref="BackupManifest"/>) of a running system: the database as one
/// consistent snapshot, the stored files its records name, and the manifest. SQLite is copied with its
/// online backup API, which reads inside one read transaction while the server goes on writing (WAL);
/// PostgreSQL with <c>pg_dump</c> on a snapshot exported by the transaction that also counts the rows, so
/// that the counts are those of the dump. The personal-data key stays out of the file; a copy goes to a
/// separate file only when asked (<see cref="Request.KeyOut"/>). The backup is audited in the database
/// after the file is complete.
/// </summary>
public sealed class TakeBackup(DbTarget target, AttachmentStore store, TimeProvider clock)
{
    /// <param name="OutFile">The backup file to write.</param>
    /// <param name="Force">Replace an existing backup file (and key copy).</param>
    /// <param name="Key">The personal-data key the database is written with; only its fingerprint goes into the file.</param>
    /// <param name="KeySource">Where that key is (a file, or TUOPIN_PERSONAL_DATA_KEY), to tell the operator.</param>
    /// <param name="KeyOut">Where to write a copy of the key, apart from the backup; null: nowhere.</param>
    /// <param name="Operator">Who takes it, for the manifest and the audit.</param>
    public sealed record Request(string OutFile, bool Force, byte[] Key, string KeySource, string? KeyOut, string Operator);

    /// <summary>What was written. <c>AuditProblem</c>: why the audit entry could not be written (the file is complete all the same); null when it was.</summary>
    public sealed record Result(BackupManifest Manifest, string File, long Bytes, string KeySource, string? KeyCopy, TimeSpan Elapsed, string? AuditProblem);

    private sealed record Snapshot(DateTime At, BackupManifest.DatabasePart Database, BackupManifest.SchemaPart Schema,
        List<BackupManifest.TableRows> Tables, List<string> Files);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var file = Path.GetFullPath(request.OutFile);
        var keyOut = request.KeyOut is null ? null : Path.GetFullPath(request.KeyOut);
        if (File.Exists(file) && !request.Force)
            throw BackupManifest.Refused($"文件已存在：{file}（要覆盖请加 --force）", $"The file exists: {file} (add --force to replace it)");
        if (keyOut is not null)
        {
            if (keyOut == file)
                throw BackupManifest.Refused("密钥副本不能写进备份文件本身：请另选文件，并与备份分开保存", "The key copy cannot be the backup file: name another file and keep it apart from the backup");
            if (File.Exists(keyOut) && !request.Force)
                throw BackupManifest.Refused($"文件已存在：{keyOut}（要覆盖请加 --force）", $"The file exists: {keyOut} (add --force to replace it)");
        }
        if (target.Provider == DbProvider.Sqlite && !File.Exists(target.SqliteFile))
            throw BackupManifest.Refused($"数据库文件不存在：{target.SqliteFile}", $"The database file does not exist: {target.SqliteFile}");

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var part = $"{file}.{Guid.NewGuid():N}.part";
        var id = Guid.CreateVersion7();
        BackupManifest manifest;
        try
        {
            await using (var stream = NewPrivateFile(part))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    var snapshot = target.Provider == DbProvider.Sqlite ? await SqliteAsync(zip, part, ct) : await PostgresAsync(zip, ct);
                    var attachments = await AttachmentsAsync(zip, snapshot.Files, ct);
                    manifest = new BackupManifest
                    {
                        Id = id,
                        CreatedAt = snapshot.At,
                        CreatedBy = request.Operator,
                        Program = ProgramVersion,
                        Provider = target.Provider == DbProvider.Sqlite ? "sqlite" : "postgres",
                        Source = target.Display,
                        Database = snapshot.Database,
                        Schema = snapshot.Schema,
                        Tables = snapshot.Tables,
                        Attachments = attachments,
                        PersonalDataKey = new BackupManifest.KeyPart(PersonalDataKey.Fingerprint(request.Key),
                            "The personal-data key is not in this file. Keep it apart; restore with tuopin restore --key <key file>. 个人信息密钥不在本文件中，请另行保管。"),
                    };
                    WriteReadme(zip, manifest);
                    manifest.Write(zip);
                }
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(part, file, request.Force);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
        var bytes = new FileInfo(file).Length;

        string? keyCopy = null;
        if (keyOut is not null)
        {
            if (File.Exists(keyOut)) File.Delete(keyOut); // only with --force, checked above
            PersonalDataKey.Write(keyOut, request.Key);
            keyCopy = keyOut;
        }
        var problem = await AuditAsync(request, manifest, file, bytes, ct);
        return new Result(manifest, file, bytes, request.KeySource, keyCopy, watch.Elapsed, problem);
    }

    internal static string ProgramVersion =>
        typeof(TakeBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>A new file only its owner may read: a backup holds names and addresses in clear.</summary>
    internal static FileStream NewPrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    // ---- SQLite: the online backup API into a private copy, counted there, then zipped ----

    private async Task<Snapshot> SqliteAsync(ZipArchive zip, string part, CancellationToken ct)
    {
        var copy = part + ".db";
        try
        {
            DateTime at;
            List<BackupManifest.TableRows> tables;
            List<string> migrations, files;
            var source = new SqliteConnectionStringBuilder(target.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
            await using (var from = new SqliteConnection(source.ToString()))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
            {
                await from.OpenAsync(ct);
                await Execute(from, "PRAGMA busy_timeout=30000;", ct);
                await to.OpenAsync(ct);
                at = clock.GetUtcNow().UtcDateTime;
                // One step: every page is copied inside one read transaction of the source, so the copy is one
                // committed state; writers go on meanwhile (WAL), and their later commits are not in it.
                from.BackupDatabase(to);
                // The copy stands alone (no -wal beside it), as the file a restore puts in place.
                await Execute(to, "PRAGMA journal_mode=DELETE;", ct);
                tables = await DatabaseInventory.CountAsync(to, DbProvider.Sqlite, null, ct);
                migrations = await DatabaseInventory.MigrationsAsync(to, DbProvider.Sqlite, null, ct);
                files = await DatabaseInventory.StoredFilesAsync(to, DbProvider.Sqlite, null, ct);
            }
            var entry = zip.CreateEntry(BackupManifest.SqliteEntry, CompressionLevel.Fastest);
            entry.LastWriteTime = at;
            long bytes;
            string sha;
            await using (var input = File.OpenRead(copy))
            await using (var output = entry.Open())
                (bytes, sha) = await CopyHashingAsync(input, output, ct);
            return new Snapshot(at, new BackupManifest.DatabasePart(BackupManifest.SqliteEntry, "sqlite", bytes, sha, SqliteVersion()),
                new BackupManifest.SchemaPart(migrations.LastOrDefault(), migrations), tables, files);
        }
        finally
        {
            foreach (var f in new[] { copy, copy + "-journal", copy + "-wal", copy + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
    }

    private static string SqliteVersion()
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        return "SQLite " + c.ServerVersion;
    }

    // ---- PostgreSQL: pg_dump on the snapshot of the transaction that counts ----

    private async Task<Snapshot> PostgresAsync(ZipArchive zip, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        string snapshotId, serverVersion;
        DateTime at;
        await using (var command = new NpgsqlCommand("SET TRANSACTION READ ONLY; SELECT pg_export_snapshot(), now(), current_setting('server_version')", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            snapshotId = reader.GetString(0);
            at = reader.GetFieldValue<DateTime>(1).ToUniversalTime();
            serverVersion = "PostgreSQL " + reader.GetString(2);
        }
        var tables = await DatabaseInventory.CountAsync(connection, DbProvider.Postgres, transaction, ct);
        var migrations = await DatabaseInventory.MigrationsAsync(connection, DbProvider.Postgres, transaction, ct);
        var files = await DatabaseInventory.StoredFilesAsync(connection, DbProvider.Postgres, transaction, ct);

        // Plain SQL: restored by psql in one transaction; readable and restorable without Tuopin too.
        var start = PostgresTools.Start("pg_dump", target.ConnectionString,
            ["--format=plain", "--no-owner", "--no-privileges", "--snapshot=" + snapshotId, "--encoding=UTF8"]);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_dump did not start");
        try
        {
            process.StandardInput.Close();
            var errors = process.StandardError.ReadToEndAsync(ct);
            var entry = zip.CreateEntry(BackupManifest.PostgresEntry, CompressionLevel.Fastest);
            entry.LastWriteTime = at;
            long bytes;
            string sha;
            await using (var output = entry.Open())
                (bytes, sha) = await CopyHashingAsync(process.StandardOutput.BaseStream, output, ct);
            await process.WaitForExitAsync(ct);
            var stderr = await errors;
            if (process.ExitCode != 0)
                throw BackupManifest.Refused($"pg_dump 失败（退出码 {process.ExitCode}）：{PostgresTools.Summary(stderr)}", $"pg_dump failed (exit code {process.ExitCode}): {PostgresTools.Summary(stderr)}");
            await transaction.CommitAsync(ct);
            return new Snapshot(at, new BackupManifest.DatabasePart(BackupManifest.PostgresEntry, "pg_dump plain SQL", bytes, sha, serverVersion),
                new BackupManifest.SchemaPart(migrations.LastOrDefault(), migrations), tables, files);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    // ---- Stored files ----

    private async Task<BackupManifest.AttachmentPart> AttachmentsAsync(ZipArchive zip, List<string> files, CancellationToken ct)
    {
        var count = 0;
        long bytes = 0;
        var missing = new List<string>();
        foreach (var sha in files)
        {
            string path;
            try
            {
                path = store.PathOf(sha);
            }
            catch (InvalidOperationException)
            {
                missing.Add(sha);
                continue;
            }
            if (!File.Exists(path))
            {
                missing.Add(sha);
                continue;
            }
            // A stored file never changes once written: one that no longer matches its name is damaged, and is named, not copied.
            await using (var check = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                if (!string.Equals(Convert.ToHexStringLower(await SHA256.HashDataAsync(check, ct)), sha, StringComparison.Ordinal))
                {
                    missing.Add(sha);
                    continue;
                }
            }
            var entry = zip.CreateEntry(BackupManifest.AttachmentFolder + sha[..2] + "/" + sha, CompressionLevel.Fastest);
            entry.LastWriteTime = File.GetLastWriteTime(path);
            await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await using var output = entry.Open();
            await input.CopyToAsync(output, ct);
            count++;
            bytes += input.Length;
        }
        return new BackupManifest.AttachmentPart(count, bytes, missing);
    }

    internal static async Task<(long Bytes, string Sha256)> CopyHashingAsync(Stream input, Stream output, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), ct);
            total += read;
        }
        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static void WriteReadme(ZipArchive zip, BackupManifest m)
    {
        var entry = zip.CreateEntry("README.txt", CompressionLevel.Optimal);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write($"""
            Tuopin 脱贫 — 备份文件 / backup file
            {m.Id}  {m.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC  {m.Provider}  {m.Source}

            manifest.json      内容清单：结构版本、各表行数、密钥指纹 / what is inside: schema, rows per table, key fingerprint
            {m.Database.Entry,-18} 数据库 / the database ({m.Database.Format})
            attachments/       附件和出列材料文件，以 SHA-256 命名 / stored files, named by their SHA-256

            个人信息密钥不在本文件中（指纹 {m.PersonalDataKey.Fingerprint}）。没有这把密钥，身份证号码和电话无法读取。
            The personal-data key is NOT in this file (fingerprint {m.PersonalDataKey.Fingerprint}); without it the
            resident IDs and phone numbers cannot be read. Keep the key apart from this file.

            恢复 / restore:  tuopin restore --from <本文件> --db <目标数据库> --key <密钥文件>
            """);
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    // ---- The audit ----

    private async Task<string?> AuditAsync(Request request, BackupManifest manifest, string file, long bytes, CancellationToken ct)
    {
        try
        {
            using var protector = new PersonalDataProtector(request.Key);
            var factory = new TuopinDbFactory(target, protector, clock);
            await using var db = factory.CreateForOperator(request.Operator);
            db.AuditEntries.Add(BackupAudit.Entry(db, "Backup", manifest.Id, $"备份到 {file}", new
            {
                operation = "backup",
                file,
                bytes,
                createdAt = manifest.CreatedAt,
                lastMigration = manifest.Schema.LastMigration,
                rows = manifest.TotalRows,
                tables = manifest.Tables.Count,
                attachments = manifest.Attachments.Files,
                missingAttachments = manifest.Attachments.Missing.Count,
                keyFingerprint = manifest.PersonalDataKey.Fingerprint,
            }));
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            return e.Message;
        }
    }
}

/// <summary>
/// The audit entries of backups and restores, in the audit's existing shape (no model change): a
/// <see cref="AuditAction.Bulk"/> entry whose entity type is Backup or Restore and whose entity id is the backup's id.
/// </summary>
internal static class BackupAudit
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static AuditEntry Entry(TuopinDb db, string kind, Guid backupId, string reason, object changes) => new()
    {
        Id = Guid.CreateVersion7(),
        At = db.Clock.GetUtcNow().UtcDateTime,
        UserId = db.Actor.UserId,
        UserName = db.Actor.UserName.Length > 100 ? db.Actor.UserName[..100] : db.Actor.UserName,
        Action = AuditAction.Bulk,
        EntityType = kind,
        EntityId = backupId,
        Changes = JsonSerializer.Serialize(changes, Compact),
        Reason = reason.Length > 500 ? reason[..500] : reason,
        CorrelationId = backupId,
    };
}
