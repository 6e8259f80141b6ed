using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tuopin.Application.Common;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Backup;

/// <summary>
/// Restores a backup file (<see cref="BackupManifest"/>) into a database and the attachment store.
/// Everything that can refuse is checked before the target is touched: the manifest, the schema (every
/// migration of the backup known to this build), the personal-data key against the manifest's
/// fingerprint, the file's own checksums, and whether the target already holds data (only with
/// <see cref="Request.Force"/>). The database is restored so that a failure half-way leaves the target as
/// it was: SQLite into a temporary file beside the target, checked and counted there, then renamed over it
/// in one step; PostgreSQL by psql in one transaction that empties the target, loads the dump and checks
/// every table's rows against the manifest before it commits. A build newer than the backup migrates the
/// restored schema. The restore is audited in the restored database.
/// </summary>
public sealed class RestoreBackup(DbTarget target, AttachmentStore store, TimeProvider clock)
{
    /// <param name="From">The backup file.</param>
    /// <param name="Force">Replace a database that holds data.</param>
    /// <param name="KeyFile">The key to run with (<c>--key</c>); null: the configured key or the data folder's key file.</param>
    /// <param name="ConfiguredKey">TUOPIN_PERSONAL_DATA_KEY, if set: the server runs with it.</param>
    /// <param name="DataKeyFile">The key file the server reads (<c>&lt;data-dir&gt;/personal-data.key</c>); a --key is put there when none is.</param>
    /// <param name="Operator">Who restores, for the audit.</param>
    public sealed record Request(string From, bool Force, string? KeyFile, string? ConfiguredKey, string DataKeyFile, string Operator);

    /// <summary>
    /// What was restored. <c>Tables</c>: rows of every table as restored (equal to the manifest's; the restore's
    /// own audit entry comes after). <c>Replaced</c>: rows the target held before, when it held any.
    /// <c>ReplacedKeptAs</c>: SQLite, where the replaced file was kept. <c>Migrated</c>: migrations this build
    /// applied after the restore (the backup was older). <c>KeyInstalled</c>: where the key was put for the server.
    /// </summary>
    public sealed record Result(BackupManifest Manifest, IReadOnlyList<BackupManifest.TableRows> Tables, IReadOnlyList<BackupManifest.TableRows>? Replaced,
        string? ReplacedKeptAs, int AttachmentsWritten, int AttachmentsPresent, IReadOnlyList<string> Migrated, string KeySource, string? KeyInstalled, TimeSpan Elapsed);

    private sealed record Plan(BackupManifest Manifest, ZipArchive Zip, ZipArchiveEntry Database, List<(ZipArchiveEntry Entry, string Sha)> Files,
        List<string> Pending, byte[] Key, string KeySource, string? InstallKey);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var from = Path.GetFullPath(request.From);
        if (!File.Exists(from))
            throw BackupManifest.Refused($"备份文件不存在：{from}", $"The backup file does not exist: {from}");
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(from);
        }
        catch (InvalidDataException)
        {
            throw BackupManifest.Refused($"“{from}”不是 Tuopin 备份文件（不是 zip 格式）", $"'{from}' is not a Tuopin backup (not a zip file)");
        }
        using (zip)
        {
            var plan = Prepare(zip, from, request);
            var result = target.Provider == DbProvider.Sqlite ? await SqliteAsync(plan, request, ct) : await PostgresAsync(plan, request, ct);
            return result with { Elapsed = watch.Elapsed };
        }
    }

    // ---- Checks that refuse before anything is written ----

    private Plan Prepare(ZipArchive zip, string from, Request request)
    {
        var manifest = BackupManifest.Read(zip, from);
        var provider = manifest.Provider switch
        {
            "sqlite" => DbProvider.Sqlite,
            "postgres" => DbProvider.Postgres,
            _ => throw BackupManifest.Refused($"备份的数据库类型“{manifest.Provider}”未知", $"The backup's database kind '{manifest.Provider}' is unknown"),
        };
        if (provider != target.Provider)
            throw BackupManifest.Refused(
                $"这是 {Name(provider)} 数据库的备份，只能恢复到 {Name(provider)}；目标是 {target.Display}",
                $"This is a backup of a {Name(provider)} database; it restores into {Name(provider)} only, not into {target.Display}");

        var known = DatabaseInventory.KnownMigrations(target.Provider);
        var unknown = manifest.Schema.Migrations.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw BackupManifest.Refused(
                $"备份的数据库结构比本程序新（本程序不认识 {string.Join("、", unknown)}）：请用写出备份的版本（{manifest.Program}）或更新的 tuopin 恢复",
                $"The backup's schema is newer than this program (unknown migrations: {string.Join(", ", unknown)}): restore it with the version that wrote it ({manifest.Program}) or a newer tuopin");
        var pending = known.Where(m => !manifest.Schema.Migrations.Contains(m)).ToList();

        var (key, source, install) = ResolveKey(manifest, request);

        var database = zip.GetEntry(manifest.Database.Entry)
            ?? throw BackupManifest.Refused($"备份文件不完整：缺少 {manifest.Database.Entry}", $"The backup is incomplete: {manifest.Database.Entry} is missing");
        var files = new List<(ZipArchiveEntry, string)>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(BackupManifest.AttachmentFolder, StringComparison.Ordinal) && !e.FullName.EndsWith('/')))
        {
            var sha = entry.Name;
            if (entry.FullName != BackupManifest.AttachmentFolder + (sha.Length >= 2 ? sha[..2] : sha) + "/" + sha || sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
                throw BackupManifest.Refused($"备份中的文件名“{entry.FullName}”不是附件的 SHA-256", $"The backup's entry '{entry.FullName}' is not a stored file's SHA-256");
            files.Add((entry, sha));
        }
        if (files.Count != manifest.Attachments.Files)
            throw BackupManifest.Refused($"备份文件不完整：清单记有 {manifest.Attachments.Files} 个附件文件，实有 {files.Count} 个",
                $"The backup is incomplete: the manifest lists {manifest.Attachments.Files} stored files, it holds {files.Count}");
        return new Plan(manifest, zip, database, files, pending, key, source, install);
    }

    private static string Name(DbProvider p) => p == DbProvider.Sqlite ? "SQLite" : "PostgreSQL";

    /// <summary>
    /// The key the restored database will be read with: <c>--key</c>, else the configured key or the data
    /// folder's key file. It must be the backup's (by fingerprint). A --key must also be the one the server
    /// will run with: it is put in the data folder when no key is there; a different key there is refused,
    /// never overwritten.
    /// </summary>
    private static (byte[] Key, string Source, string? Install) ResolveKey(BackupManifest manifest, Request request)
    {
        byte[] key;
        string source;
        try
        {
            if (request.KeyFile is not null)
            {
                if (!File.Exists(request.KeyFile))
                    throw BackupManifest.Refused($"密钥文件不存在：{request.KeyFile}", $"The key file does not exist: {request.KeyFile}");
                (key, source) = (PersonalDataKey.ReadFile(request.KeyFile), Path.GetFullPath(request.KeyFile));
            }
            else if (PersonalDataKey.Find(request.ConfiguredKey, request.DataKeyFile) is { } found)
            {
                (key, source) = found;
            }
            else
            {
                throw BackupManifest.Refused(
                    $"没有个人信息密钥：{request.DataKeyFile} 不存在，也未设置 TUOPIN_PERSONAL_DATA_KEY。请用 --key 指明与备份分开保存的密钥文件（指纹 {manifest.PersonalDataKey.Fingerprint}）",
                    $"No personal-data key: {request.DataKeyFile} does not exist and TUOPIN_PERSONAL_DATA_KEY is not set. Name the key file kept apart from the backup with --key (fingerprint {manifest.PersonalDataKey.Fingerprint})");
            }
        }
        catch (InvalidOperationException e)
        {
            throw BackupManifest.Refused($"密钥无法读取：{e.Message}", $"The key cannot be read: {e.Message}");
        }
        var fingerprint = PersonalDataKey.Fingerprint(key);
        if (fingerprint != manifest.PersonalDataKey.Fingerprint)
            throw BackupManifest.Refused(
                $"密钥不对：{source} 的指纹是 {fingerprint}，备份写入时所用密钥的指纹是 {manifest.PersonalDataKey.Fingerprint}。用这把密钥恢复，身份证号码和电话将无法读取；未作任何改动",
                $"Wrong key: {source} has the fingerprint {fingerprint}, the backup was written with the key of fingerprint {manifest.PersonalDataKey.Fingerprint}. With this key the resident IDs and phones could not be read; nothing was changed");
        if (request.KeyFile is null) return (key, source, null);

        if (!string.IsNullOrWhiteSpace(request.ConfiguredKey))
        {
            var configured = PersonalDataKey.Find(request.ConfiguredKey, request.DataKeyFile)!.Value.Key;
            if (!configured.AsSpan().SequenceEqual(key))
                throw BackupManifest.Refused("TUOPIN_PERSONAL_DATA_KEY 设的是另一把密钥，程序将用它运行而读不了恢复的数据：请改设为备份的密钥", "TUOPIN_PERSONAL_DATA_KEY holds another key, which the program would run with and not read the restored data: set it to the backup's key");
            return (key, source, null);
        }
        if (File.Exists(request.DataKeyFile))
        {
            byte[] present;
            try
            {
                present = PersonalDataKey.ReadFile(request.DataKeyFile);
            }
            catch (InvalidOperationException e)
            {
                throw BackupManifest.Refused($"数据目录中的密钥文件无法读取：{e.Message}", $"The data folder's key file cannot be read: {e.Message}");
            }
            if (!present.AsSpan().SequenceEqual(key))
                throw BackupManifest.Refused(
                    $"数据目录中已有另一把密钥 {request.DataKeyFile}（指纹 {PersonalDataKey.Fingerprint(present)}），程序将用它运行而读不了恢复的数据。密钥从不被覆盖：确认不再需要后移走它，再恢复",
                    $"The data folder already has another key, {request.DataKeyFile} (fingerprint {PersonalDataKey.Fingerprint(present)}), which the program would run with and not read the restored data. A key is never overwritten: move it away once it is not needed, then restore");
            return (key, source, null);
        }
        return (key, source, Path.GetFullPath(request.DataKeyFile));
    }

    private static void Verify(ZipArchiveEntry entry, BackupManifest.DatabasePart part)
    {
        using var stream = entry.Open();
        var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (sha != part.Sha256)
            throw BackupManifest.Refused($"备份文件已损坏：{part.Entry} 的 SHA-256 与清单不符；未作任何改动", $"The backup is damaged: the SHA-256 of {part.Entry} does not match the manifest; nothing was changed");
    }

    private static void CheckEmpty(List<BackupManifest.TableRows> present, bool force, string display)
    {
        if (force || !HasData(present)) return;
        var (zh, en) = Describe(present);
        throw BackupManifest.Refused($"目标数据库已有数据（{display}：{zh}）。恢复会整体替换它：确认后加 --force", $"The target database holds data ({display}: {en}). A restore replaces it whole: add --force once you are sure");
    }

    internal static bool HasData(IEnumerable<BackupManifest.TableRows> tables) => tables.Any(t => !DatabaseInventory.IsBookkeeping(t.Name) && t.Rows > 0);

    /// <summary>The rows a database holds, in a line: households, members, and all rows.</summary>
    public static (string Zh, string En) Describe(IReadOnlyCollection<BackupManifest.TableRows> tables)
    {
        long Rows(string name) => tables.FirstOrDefault(t => t.Name == name)?.Rows ?? 0;
        var all = tables.Sum(t => t.Rows);
        return (string.Create(CultureInfo.InvariantCulture, $"{Rows("households"):N0} 户、{Rows("members"):N0} 人，共 {all:N0} 行"),
            string.Create(CultureInfo.InvariantCulture, $"{Rows("households"):N0} households, {Rows("members"):N0} members, {all:N0} rows in all"));
    }

    private static void CheckCounts(BackupManifest manifest, List<BackupManifest.TableRows> restored)
    {
        var wrong = manifest.Tables.Where(t => restored.FirstOrDefault(r => r.Name == t.Name)?.Rows != t.Rows).Select(t => t.Name).ToList();
        if (wrong.Count > 0)
            throw BackupManifest.Refused($"恢复出的行数与清单不符（{string.Join("、", wrong)}）；未作任何改动", $"The restored rows do not match the manifest ({string.Join(", ", wrong)}); nothing was changed");
    }

    // ---- Files and the key, both only added ----

    /// <summary>Stored files are named by their content: one already there is the same file, and is kept; a new one goes in through a temporary file.</summary>
    private async Task<(int Written, int Present)> RestoreFilesAsync(Plan plan, CancellationToken ct)
    {
        int written = 0, present = 0;
        foreach (var (entry, sha) in plan.Files)
        {
            var path = store.PathOf(sha);
            if (File.Exists(path))
            {
                present++;
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                string actual;
                await using (var input = entry.Open())
                await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                    (_, actual) = await TakeBackup.CopyHashingAsync(input, output, ct);
                if (actual != sha)
                    throw BackupManifest.Refused($"备份文件已损坏：附件 {sha} 的内容与其 SHA-256 不符", $"The backup is damaged: the stored file {sha} does not match its SHA-256");
                File.Move(temp, path);
                written++;
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
        return (written, present);
    }

    private static void InstallKey(Plan plan)
    {
        if (plan.InstallKey is not null) PersonalDataKey.Write(plan.InstallKey, plan.Key);
    }

    // ---- SQLite: into a temporary file beside the target, then renamed over it ----

    private async Task<Result> SqliteAsync(Plan plan, Request request, CancellationToken ct)
    {
        var file = Path.GetFullPath(target.SqliteFile!);
        List<BackupManifest.TableRows>? before = null;
        if (File.Exists(file))
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            await connection.OpenAsync(ct);
            before = await DatabaseInventory.CountAsync(connection, DbProvider.Sqlite, null, ct);
            CheckEmpty(before, request.Force, target.Display);
        }
        var directory = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(file)}.restore-{Guid.NewGuid():N}.tmp");
        try
        {
            string sha;
            await using (var input = plan.Database.Open())
            await using (var output = TakeBackup.NewPrivateFile(temp))
                (_, sha) = await TakeBackup.CopyHashingAsync(input, output, ct);
            if (sha != plan.Manifest.Database.Sha256)
                throw BackupManifest.Refused($"备份文件已损坏：{plan.Manifest.Database.Entry} 的 SHA-256 与清单不符；未作任何改动",
                    $"The backup is damaged: the SHA-256 of {plan.Manifest.Database.Entry} does not match the manifest; nothing was changed");

            var restored = DbTarget.Parse(temp);
            List<BackupManifest.TableRows> tables;
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
            {
                await connection.OpenAsync(ct);
                await using (var check = connection.CreateCommand())
                {
                    check.CommandText = "PRAGMA quick_check;";
                    var answer = Convert.ToString(await check.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                    if (answer != "ok")
                        throw BackupManifest.Refused($"备份中的数据库未通过 SQLite 的检查：{answer}；未作任何改动", $"The backup's database fails SQLite's check: {answer}; nothing was changed");
                }
                tables = await DatabaseInventory.CountAsync(connection, DbProvider.Sqlite, null, ct);
            }
            CheckCounts(plan.Manifest, tables);
            await FinishAsync(restored, plan, request, before, ct);
            // Everything folded into the one file that is renamed into place (in WAL mode, as the program keeps its
            // databases; the last connection to close removes the empty -wal).
            SqliteConnection.ClearAllPools();
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString()))
            {
                await connection.OpenAsync(ct);
                foreach (var pragma in new[] { "PRAGMA journal_mode=WAL;", "PRAGMA wal_checkpoint(TRUNCATE);" })
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = pragma;
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
            if (File.Exists(temp + "-wal") && new FileInfo(temp + "-wal").Length > 0)
                throw new IOException($"The restored database's log {temp}-wal was not folded into it.");

            var (written, present) = await RestoreFilesAsync(plan, ct);
            InstallKey(plan);

            string? keptAs = null;
            if (File.Exists(file))
            {
                // The old database folded into its file (no -wal left to be read with the new one), kept when it held data.
                await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
                {
                    await connection.OpenAsync(ct);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await command.ExecuteNonQueryAsync(ct);
                }
                SqliteConnection.ClearAllPools();
                if (before is not null && HasData(before))
                {
                    keptAs = $"{file}.replaced-{clock.GetLocalNow():yyyyMMdd-HHmmss}";
                    File.Copy(file, keptAs, overwrite: false);
                }
                foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
                    if (File.Exists(file + suffix)) File.Delete(file + suffix);
            }
            File.Move(temp, file, overwrite: true);
            return new Result(plan.Manifest, tables, before is not null && HasData(before) ? before : null, keptAs, written, present, plan.Pending, plan.KeySource, plan.InstallKey, TimeSpan.Zero);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { temp, temp + "-wal", temp + "-shm", temp + "-journal" })
                if (File.Exists(f)) File.Delete(f);
        }
    }

    /// <summary>This build's newer migrations, then the restore's audit entry, in the restored database.</summary>
    private async Task FinishAsync(DbTarget restored, Plan plan, Request request, List<BackupManifest.TableRows>? before, CancellationToken ct)
    {
        using var protector = new PersonalDataProtector(plan.Key);
        var factory = new TuopinDbFactory(restored, protector, clock);
        await using var db = factory.CreateForOperator(request.Operator);
        if (plan.Pending.Count > 0) await db.Database.MigrateAsync(ct);
        var m = plan.Manifest;
        db.AuditEntries.Add(BackupAudit.Entry(db, "Restore", m.Id, $"从备份恢复：{Path.GetFileName(request.From)}（{m.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC）", new
        {
            operation = "restore",
            file = Path.GetFullPath(request.From),
            backupCreatedAt = m.CreatedAt,
            backupCreatedBy = m.CreatedBy,
            backupProgram = m.Program,
            rows = m.TotalRows,
            attachments = m.Attachments.Files,
            migrated = plan.Pending,
            keyFingerprint = m.PersonalDataKey.Fingerprint,
            replacedRows = before is not null && HasData(before) ? before.Where(t => !DatabaseInventory.IsBookkeeping(t.Name)).Sum(t => t.Rows) : 0,
        }));
        await db.SaveChangesAsync(ct);
    }

    // ---- PostgreSQL: psql, one transaction that empties, loads and checks ----

    private async Task<Result> PostgresAsync(Plan plan, Request request, CancellationToken ct)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ToString();
        List<BackupManifest.TableRows>? before = null;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            before = await DatabaseInventory.CountAsync(connection, DbProvider.Postgres, null, ct);
            CheckEmpty(before, request.Force, target.Display);
            await using var others = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'", connection);
            var sessions = (long)(await others.ExecuteScalarAsync(ct))!;
            if (sessions > 0)
                throw BackupManifest.Refused(
                    $"还有 {sessions} 个连接在使用目标数据库（{target.Display}）：请先停止 tuopin serve 等程序再恢复",
                    $"{sessions} other sessions are using the target database ({target.Display}): stop tuopin serve and the like before restoring");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            before = null; // no such database yet: it is created below
        }
        Verify(plan.Database, plan.Manifest.Database);

        var created = false;
        if (before is null)
        {
            await CreateDatabaseAsync(ct);
            created = true;
        }
        try
        {
            await PsqlAsync(plan, ct);
        }
        catch
        {
            if (created) await DropDatabaseAsync();
            throw;
        }
        List<BackupManifest.TableRows> tables;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            tables = await DatabaseInventory.CountAsync(connection, DbProvider.Postgres, null, ct);
        }
        NpgsqlConnection.ClearAllPools();
        var (written, present) = await RestoreFilesAsync(plan, ct);
        InstallKey(plan);
        await FinishAsync(target, plan, request, before, ct);
        return new Result(plan.Manifest, tables, before is not null && HasData(before) ? before : null, null, written, present, plan.Pending, plan.KeySource, plan.InstallKey, TimeSpan.Zero);
    }

    private async Task PsqlAsync(Plan plan, CancellationToken ct)
    {
        var start = PostgresTools.Start("psql", target.ConnectionString,
            ["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--file=-"]);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("psql did not start");
        try
        {
            var errors = process.StandardError.ReadToEndAsync(ct);
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var stdin = process.StandardInput.BaseStream;
            try
            {
                await stdin.WriteAsync(Encoding.UTF8.GetBytes(EmptyTarget), ct);
                await using (var dump = plan.Database.Open())
                    await dump.CopyToAsync(stdin, ct);
                await stdin.WriteAsync(Encoding.UTF8.GetBytes(CountCheck(plan.Manifest)), ct);
                await stdin.FlushAsync(ct);
            }
            catch (IOException)
            {
                // psql stopped reading: it ended on an error, which its standard error names.
            }
            finally
            {
                process.StandardInput.Close();
            }
            await process.WaitForExitAsync(ct);
            var stderr = await errors;
            await output;
            if (process.ExitCode != 0)
                throw BackupManifest.Refused($"恢复失败，目标数据库未作改动（psql 退出码 {process.ExitCode}）：{PostgresTools.Summary(stderr)}",
                    $"The restore failed and the target database was left as it was (psql exit code {process.ExitCode}): {PostgresTools.Summary(stderr)}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The first statement of the restore's transaction: every table, view and sequence of the schema goes.</summary>
    private const string EmptyTarget = """
        SET client_min_messages = warning;
        DO $tuopin$
        DECLARE r record;
        BEGIN
          FOR r IN SELECT c.relname, c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') LOOP
            EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
              CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.relname);
          END LOOP;
          FOR r IN SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind = 'S' LOOP
            EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.relname);
          END LOOP;
          -- The audit's guard functions (its triggers went with the tables); the dump creates them again.
          FOR r IN SELECT p.oid::regprocedure::text AS sig FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = 'public' AND p.proname LIKE 'tuopin\_%' LOOP
            EXECUTE 'DROP FUNCTION IF EXISTS ' || r.sig || ' CASCADE';
          END LOOP;
        END $tuopin$;

        """;

    /// <summary>The last statement of the restore's transaction: a table whose rows differ from the manifest's rolls it all back.</summary>
    private static string CountCheck(BackupManifest manifest)
    {
        var sql = new StringBuilder("\nDO $tuopin$\nDECLARE n bigint;\nBEGIN\n");
        foreach (var t in manifest.Tables)
        {
            var literal = t.Name.Replace("'", "''", StringComparison.Ordinal);
            sql.Append(CultureInfo.InvariantCulture, $"  SELECT count(*) INTO n FROM {DatabaseInventory.Qualified(DbProvider.Postgres, t.Name)};\n");
            sql.Append(CultureInfo.InvariantCulture, $"  IF n <> {t.Rows} THEN RAISE EXCEPTION 'table % has % rows, the manifest says {t.Rows}', '{literal}', n; END IF;\n");
        }
        sql.Append("END $tuopin$;\n");
        return sql.ToString();
    }

    private NpgsqlConnectionStringBuilder Maintenance() =>
        new(target.ConnectionString) { Database = "postgres", Pooling = false };

    private async Task CreateDatabaseAsync(CancellationToken ct)
    {
        var name = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database!;
        await using var connection = new NpgsqlConnection(Maintenance().ToString());
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {DatabaseInventory.Quote(name)}", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task DropDatabaseAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database!;
        await using var connection = new NpgsqlConnection(Maintenance().ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseInventory.Quote(name)}", connection);
        await command.ExecuteNonQueryAsync();
    }
}
