using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tuopin.Application.Backup;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Backup;

/// <summary>tuopin backup / restore: the round trip, the key kept apart and checked, refusals that write nothing.</summary>
public sealed class BackupCommandTests
{
    private const string Village = "三胡乡/黄柏园村";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% minutes of the democratic review, backed up\n%%EOF\n");
    private static readonly byte[] Evidence = Encoding.ASCII.GetBytes("%PDF-1.4\n% the village's application\n%%EOF\n");

    /// <summary>
    /// Backup, then restore into a new database and data folder with the key copy the backup wrote apart:
    /// every table's rows are equal (but for the backup's and the restore's own audit entries), the stored
    /// files are byte-equal, and a resident ID written encrypted reads back in full, also through the
    /// restored folder's installed key.
    /// </summary>
    [Theory, BothDatabases]
    public async Task BackupAndRestore_GiveBackEveryRow_TheStoredFiles_AndReadableIds(DbProvider provider)
    {
        await using var county = await CountyWithFilesAsync(provider);
        var head = Build.Member();
        await county.AddHouseholdAsync(Village, head, Build.Member(Relation.Spouse, Sex.Female));
        var work = TestDirectories.New("backup");
        var file = Path.Combine(work, "county.zip");
        var keyCopy = Path.Combine(work, "key-apart", "personal-data.key");
        var restored = await NewTargetAsync(provider, work);
        var restoredData = Path.Combine(work, "restored-data");
        try
        {
            var (backedUp, backupJson, backupError) = await RunAsync("backup", "--db", Db(county.Target), "--data-dir", county.Settings.DataDirectory, "--out", file, "--key-out", keyCopy, "--format", "json");
            var (restoredExit, restoreJson, restoreError) = await RunAsync("restore", "--from", file, "--db", Db(restored), "--data-dir", restoredData, "--key", keyCopy, "--format", "json");

            Assert.True(backedUp == 0, backupError + backupJson);
            Assert.True(restoredExit == 0, restoreError + restoreJson);
            BackupManifest manifest;
            using (var zip = ZipFile.OpenRead(file))
            {
                manifest = BackupManifest.Read(zip, file);
                // The key is not in the file, in any form but its fingerprint.
                foreach (var entry in zip.Entries)
                {
                    using var stream = entry.Open();
                    using var memory = new MemoryStream();
                    await stream.CopyToAsync(memory);
                    var text = Encoding.UTF8.GetString(memory.ToArray());
                    Assert.DoesNotContain(TestCounty.PersonalDataKey, text, StringComparison.Ordinal);
                }
                Assert.Equal(2, zip.Entries.Count(e => e.FullName.StartsWith("attachments/", StringComparison.Ordinal)));
            }
            Assert.Equal(PersonalDataKey.Fingerprint(Convert.FromBase64String(TestCounty.PersonalDataKey)), manifest.PersonalDataKey.Fingerprint);
            Assert.Equal(TestCounty.PersonalDataKey, (await File.ReadAllTextAsync(keyCopy)).Trim());
            using (var doc = JsonDocument.Parse(backupJson))
            {
                Assert.False(doc.RootElement.GetProperty("personalDataKey").GetProperty("inBackup").GetBoolean());
                Assert.Equal(manifest.TotalRows, doc.RootElement.GetProperty("rows").GetInt64());
            }
            // The restore's counts are the manifest's.
            using (var doc = JsonDocument.Parse(restoreJson))
            {
                var counts = doc.RootElement.GetProperty("tables").EnumerateArray().Select(t => (t.GetProperty("name").GetString()!, t.GetProperty("rows").GetInt64())).ToList();
                Assert.Equal(manifest.Tables.Select(t => (t.Name, t.Rows)), counts);
                Assert.Equal(Path.GetFullPath(Path.Combine(restoredData, "personal-data.key")), doc.RootElement.GetProperty("personalDataKey").GetProperty("installed").GetString());
            }
            Assert.True(manifest.Tables.Single(t => t.Name == "members").Rows >= 2);

            // The backup's and the restore's own entries, and the chain's head they moved on each side, differ; the chains are verified below.
            static string? NotOwnEntries(string table) => table switch
            {
                "audit_entries" => "entity_type NOT IN ('Backup', 'Restore')",
                "audit_chain" => "1 = 0",
                _ => null,
            };
            var before = await TableSnapshot.ReadAsync(county.Target, NotOwnEntries);
            var after = await TableSnapshot.ReadAsync(restored, NotOwnEntries);
            Assert.True(before.Matches(after), string.Join("; ", before.Differences(after)));
            Assert.Contains(manifest.Tables, t => t.Name == "attachments" && t.Rows == 1);
            Assert.Contains(manifest.Tables, t => t.Name == "area_exit_evidence" && t.Rows == 1);

            // Each side records its own part in the audit.
            var (backupEntries, restoreEntries) = (await AuditAsync(county.Target, "Backup"), await AuditAsync(restored, "Restore"));
            Assert.Equal([manifest.Id], backupEntries);
            Assert.Equal([manifest.Id], restoreEntries);

            // The stored files, byte for byte, where the restored folder's store looks for them.
            foreach (var content in new[] { Pdf, Evidence })
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(content));
                Assert.Equal(content, await File.ReadAllBytesAsync(new AttachmentStore(Path.Combine(restoredData, "attachments")).PathOf(sha)));
            }

            // The resident ID, encrypted in the database, reads back with the key, and the restored folder's
            // installed key is that key: the registry's export there shows the number in full.
            using (var protector = new PersonalDataProtector(PersonalDataKey.ReadFile(keyCopy)))
            {
                var factory = new TuopinDbFactory(restored, protector, TimeProvider.System);
                await using var db = factory.CreateForOperator("tests");
                var cipher = await db.Members.Where(m => m.ResidentIdIndex == protector.Index(head.ResidentId!)).Select(m => m.ResidentIdCipher).SingleAsync();
                Assert.Equal(head.ResidentId, protector.Unprotect(cipher));
            }
            // What the server does first on the restored database: the schema check passes.
            var (migrated, _, migrateError) = await RunAsync("migrate", "--db", Db(restored), "--data-dir", restoredData);
            Assert.True(migrated == 0, migrateError);
            // The audit chain came back whole, the restore's own entry at its end.
            var (verified, verifyText, _) = await RunAsync("audit", "verify", "--db", Db(restored), "--data-dir", restoredData);
            Assert.True(verified == 0, verifyText);
            var csv = Path.Combine(work, "restored.csv");
            var (exported, _, exportError) = await RunAsync("export", "registry", "--db", Db(restored), "--data-dir", restoredData, "--out", csv);
            Assert.True(exported == 0, exportError);
            Assert.Contains(head.ResidentId!, await File.ReadAllTextAsync(csv), StringComparison.Ordinal);
        }
        finally
        {
            await TestDatabases.DropAsync(restored);
        }
    }

    /// <summary>A key that is not the backup's is refused before anything is written: no database, no files, no key file.</summary>
    [Theory, BothDatabases]
    public async Task Restore_WithAnotherKey_IsRefused_AndWritesNothing(DbProvider provider)
    {
        await using var county = await CountyWithFilesAsync(provider);
        var work = TestDirectories.New("backup-key");
        var file = Path.Combine(work, "county.zip");
        Assert.Equal(0, (await RunAsync("backup", "--db", Db(county.Target), "--data-dir", county.Settings.DataDirectory, "--out", file)).Exit);
        var wrongKey = Path.Combine(work, "wrong.key");
        await File.WriteAllTextAsync(wrongKey, Convert.ToBase64String(PersonalDataProtector.NewMasterKey()));
        var target = await NewTargetAsync(provider, work);
        var data = Path.Combine(work, "data");
        try
        {
            var (wrong, _, wrongError) = await RunAsync("restore", "--from", file, "--db", Db(target), "--data-dir", data, "--key", wrongKey);
            var (none, _, noneError) = await RunAsync("restore", "--from", file, "--db", Db(target), "--data-dir", data);
            // A different key already in the target's data folder is never replaced by --key.
            Directory.CreateDirectory(Path.Combine(work, "other"));
            File.Copy(wrongKey, Path.Combine(work, "other", "personal-data.key"));
            var rightKey = Path.Combine(work, "right.key");
            await File.WriteAllTextAsync(rightKey, TestCounty.PersonalDataKey);
            var (other, _, otherError) = await RunAsync("restore", "--from", file, "--db", Db(target), "--data-dir", Path.Combine(work, "other"), "--key", rightKey);

            Assert.Equal(1, wrong);
            Assert.Contains(PersonalDataKey.Fingerprint(Convert.FromBase64String(TestCounty.PersonalDataKey)), wrongError, StringComparison.Ordinal);
            Assert.Contains("未作任何改动", wrongError, StringComparison.Ordinal);
            Assert.Equal(1, none);
            Assert.Contains("--key", noneError, StringComparison.Ordinal);
            Assert.Equal(1, other);
            Assert.Contains("从不被覆盖", otherError, StringComparison.Ordinal);
            Assert.Equal(await File.ReadAllTextAsync(wrongKey), await File.ReadAllTextAsync(Path.Combine(work, "other", "personal-data.key")));
            Assert.False(Directory.Exists(data));
            Assert.False(Directory.Exists(Path.Combine(work, "other", "attachments")));
            if (provider == DbProvider.Sqlite)
                Assert.False(Directory.Exists(Path.GetDirectoryName(target.SqliteFile)));
            else
                Assert.False(await PostgresDatabaseExistsAsync(target));
        }
        finally
        {
            await TestDatabases.DropAsync(target);
        }
    }

    /// <summary>
    /// An existing backup file is not overwritten without --force; a database that holds data is not
    /// replaced without --force (and with it, the replaced SQLite file is kept); a backup from a newer
    /// schema, or a damaged one, is refused with the target untouched.
    /// </summary>
    [Fact]
    public async Task Refusals_WithoutForce_AndForDamagedOrNewerBackups()
    {
        await using var county = await CountyWithFilesAsync(DbProvider.Sqlite);
        await county.AddHouseholdAsync(Village);
        var work = TestDirectories.New("backup-refusals");
        var file = Path.Combine(work, "county.zip");
        string[] source = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        Assert.Equal(0, (await RunAsync(["backup", .. source, "--out", file])).Exit);
        var written = await File.ReadAllBytesAsync(file);

        var (again, _, againError) = await RunAsync(["backup", .. source, "--out", file]);
        Assert.Equal(1, again);
        Assert.Contains("--force", againError, StringComparison.Ordinal);
        Assert.Equal(written, await File.ReadAllBytesAsync(file));
        var (forced, _, forcedError) = await RunAsync(["backup", .. source, "--out", file, "--force"]);
        Assert.True(forced == 0, forcedError);
        Assert.Equal(2, (await RunAsync(["backup", .. source])).Exit); // --out is required

        // The county's own database holds data: refused without --force, nothing changed.
        var beforeRestore = await TableSnapshot.ReadAsync(county.Target);
        var (refused, _, refusedError) = await RunAsync(["restore", .. source, "--from", file]);
        Assert.Equal(1, refused);
        Assert.Contains("--force", refusedError, StringComparison.Ordinal);
        Assert.Contains("2 户", refusedError, StringComparison.Ordinal);
        Assert.True(beforeRestore.Matches(await TableSnapshot.ReadAsync(county.Target)));

        // A backup of a newer schema, and a damaged one, are refused before the target is touched.
        var target = Path.Combine(work, "target", "tuopin.db");
        var newer = await RewriteAsync(file, Path.Combine(work, "newer.zip"), m => m with { Schema = m.Schema with { Migrations = [.. m.Schema.Migrations, "29991231000000_FromTheFuture"] } });
        var damaged = await RewriteAsync(file, Path.Combine(work, "damaged.zip"), m => m with { Database = m.Database with { Sha256 = new string('0', 64) } });
        var (newerExit, _, newerError) = await RunAsync("restore", "--db", target, "--data-dir", county.Settings.DataDirectory, "--from", newer);
        var (damagedExit, _, damagedError) = await RunAsync("restore", "--db", target, "--data-dir", county.Settings.DataDirectory, "--from", damaged);
        var (notBackup, _, _) = await RunAsync("restore", "--db", target, "--data-dir", county.Settings.DataDirectory, "--from", Path.Combine(county.Settings.DataDirectory, "personal-data.key"));
        Assert.Equal(1, newerExit);
        Assert.Contains("29991231000000_FromTheFuture", newerError, StringComparison.Ordinal);
        Assert.Equal(1, damagedExit);
        Assert.Contains("SHA-256", damagedError, StringComparison.Ordinal);
        Assert.Equal(1, notBackup);
        Assert.False(Directory.Exists(Path.GetDirectoryName(target)) && Directory.GetFiles(Path.GetDirectoryName(target)!).Length > 0);

        // With --force the database is replaced in one step, and the file it replaced is kept beside it.
        await county.AddHouseholdAsync(Village);
        var (replaced, replacedText, replacedError) = await RunAsync(["restore", .. source, "--from", file, "--force"]);
        Assert.True(replaced == 0, replacedError);
        Assert.Contains("已替换原有数据：3 户", replacedText, StringComparison.Ordinal);
        Assert.Equal(2, await county.QueryAsync(db => db.Households.CountAsync()));
        var kept = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(county.Target.SqliteFile)!, Path.GetFileName(county.Target.SqliteFile) + ".replaced-*"));
        Assert.Equal(3, (await TableSnapshot.ReadAsync(DbTarget.Parse(kept))).Rows("households"));
    }

    /// <summary>
    /// A restore that fails half-way leaves the target as it was: here the backup's manifest claims one
    /// member more than its database holds, which only shows once the data is loaded (SQLite: in the
    /// temporary file, before it replaces the target; PostgreSQL: at the end of the one transaction that
    /// has already emptied the target and loaded the dump, which is then rolled back).
    /// </summary>
    [Theory, BothDatabases]
    public async Task Restore_FailingHalfWay_LeavesTheTargetAsItWas(DbProvider provider)
    {
        await using var county = await CountyWithFilesAsync(provider);
        var work = TestDirectories.New("backup-half");
        var file = Path.Combine(work, "county.zip");
        Assert.Equal(0, (await RunAsync("backup", "--db", Db(county.Target), "--data-dir", county.Settings.DataDirectory, "--out", file)).Exit);
        var wrong = await RewriteAsync(file, Path.Combine(work, "wrong-count.zip"), m => m with
        {
            Tables = [.. m.Tables.Select(t => t.Name == "members" ? t with { Rows = t.Rows + 1 } : t)],
        });
        await county.AddHouseholdAsync(Village);
        var before = await TableSnapshot.ReadAsync(county.Target);
        NpgsqlConnection.ClearAllPools(); // the county's idle connections: a restore refuses a database in use

        var (exit, _, error) = await RunAsync("restore", "--from", wrong, "--db", Db(county.Target), "--data-dir", county.Settings.DataDirectory, "--force");

        Assert.Equal(1, exit);
        Assert.Contains("members", error, StringComparison.Ordinal);
        if (provider == DbProvider.Postgres) Assert.Contains("the manifest says", error, StringComparison.Ordinal); // psql's transaction got that far
        var after = await TableSnapshot.ReadAsync(county.Target);
        Assert.True(before.Matches(after), string.Join("; ", before.Differences(after)));
        if (provider == DbProvider.Sqlite)
            Assert.Equal([Path.GetFileName(county.Target.SqliteFile)!], Directory.GetFiles(Path.GetDirectoryName(county.Target.SqliteFile)!, Path.GetFileName(county.Target.SqliteFile) + "*")
                .Select(Path.GetFileName).Where(f => !f!.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)));
    }

    // ---- helpers ----

    /// <summary>A county with one household's procedure paper and one village's exit evidence in its store, and its key in its data folder.</summary>
    private static async Task<TestCounty> CountyWithFilesAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        await File.WriteAllTextAsync(Path.Combine(county.Settings.DataDirectory, "personal-data.key"), TestCounty.PersonalDataKey);
        await county.QueryAsync(db => db.Villages.ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 100)));
        var officer = county.VillageOfficer(Village);
        var household = await county.AddHouseholdAsync(Village);
        var today = county.Today;
        var proposed = await county.As<ProposeExits>(officer).HandleAsync(new ProposeExits.Request(county.Villages[Village].Id, today.Year, today, [household], null));
        await county.As<RecordProcedureStep>(officer).HandleAsync(new RecordProcedureStep.Request(proposed.ProcedureIds, ProcedureStep.DemocraticReview, today, "村两委会议"));
        var step = await county.QueryAsync(db => db.ProcedureSteps.Where(s => s.Step == ProcedureStep.DemocraticReview).Select(s => s.Id).SingleAsync());
        await county.As<AttachFile>(officer).HandleAsync(new AttachFile.Request(step, "民主评议记录.pdf", new MemoryStream(Pdf)));
        var area = await county.As<OpenAreaExit>(officer).HandleAsync(new OpenAreaExit.Request(AreaExitLevel.Village, county.Villages[Village].Id, 2016));
        await county.As<AttachAreaEvidence>(officer).HandleAsync(new AttachAreaEvidence.Request(area, "village_application", "申请.pdf", new MemoryStream(Evidence)));
        return county;
    }

    /// <summary>A database that does not exist yet: a SQLite file in a new folder, or a PostgreSQL database not yet created.</summary>
    internal static Task<DbTarget> NewTargetAsync(DbProvider provider, string work)
    {
        if (provider == DbProvider.Sqlite)
            return Task.FromResult(DbTarget.Parse(Path.Combine(work, "restored-db", "tuopin.db")));
        var name = $"tuopin_r_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        return Task.FromResult(DbTarget.Parse(new NpgsqlConnectionStringBuilder(TestDatabases.PostgresServer) { Database = name }.ToString()));
    }

    internal static string Db(DbTarget target) => target.Provider == DbProvider.Sqlite ? target.SqliteFile! : target.ConnectionString;

    private static async Task<bool> PostgresDatabaseExistsAsync(DbTarget target)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabases.PostgresServer) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", new NpgsqlConnectionStringBuilder(target.ConnectionString).Database!);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static async Task<List<Guid>> AuditAsync(DbTarget target, string kind)
    {
        using var protector = new PersonalDataProtector(Convert.FromBase64String(TestCounty.PersonalDataKey));
        await using var db = new TuopinDbFactory(target, protector, TimeProvider.System).CreateForOperator("tests");
        return await db.AuditEntries.Where(a => a.EntityType == kind).Select(a => a.EntityId).ToListAsync();
    }

    /// <summary>A copy of a backup with its manifest changed.</summary>
    private static async Task<string> RewriteAsync(string file, string copy, Func<BackupManifest, BackupManifest> change)
    {
        File.Copy(file, copy);
        using var zip = ZipFile.Open(copy, ZipArchiveMode.Update);
        var manifest = change(BackupManifest.Read(zip, copy));
        zip.GetEntry(BackupManifest.EntryName)!.Delete();
        manifest.Write(zip);
        await Task.CompletedTask;
        return copy;
    }
}
