using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Registry;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using Xunit.Abstractions;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Backup;

/// <summary>
/// A backup taken while the registry is being written holds one committed state: no half of an import,
/// no member without its household's new size or without its audit entry.
/// </summary>
public sealed class BackupWhileWritingTests(ITestOutputHelper log)
{
    private const int BaseHouseholds = 1_000;
    private const int ImportedHouseholds = 3_000;
    private const string Added = "新增成员";

    /// <summary>
    /// Two writers run while <c>tuopin backup</c> reads: an import of 3,000 households (12,000 rows in
    /// checked batches inside one transaction; the backup starts once 6,000 rows were read, so batches
    /// are written and uncommitted) and a loop that adds members one by one (member, household size and
    /// audit entries in one save), started first. On PostgreSQL both write during the backup; on SQLite
    /// the loop waits for the import's write lock, as the server's writers would. The restored database has the import whole or not at all (not at all
    /// when the import was still running as the backup ended), every household's size equal to its
    /// members, every added member with its audit entry and no audit entry without its member, and as
    /// many added members as were committed somewhere between the backup's start and end.
    /// </summary>
    [Theory, BothDatabases]
    public async Task BackupTakenWhileWritesAreInFlight_RestoresToOneConsistentState(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await File.WriteAllTextAsync(Path.Combine(county.Settings.DataDirectory, "personal-data.key"), TestCounty.PersonalDataKey);
        var work = TestDirectories.New("backup-live");
        var baseFile = Path.Combine(work, "base.csv");
        CountyFile.Write(baseFile, BaseHouseholds, firstNumber: 1);
        var importFile = Path.Combine(work, "more.csv");
        var importRows = CountyFile.Write(importFile, ImportedHouseholds, firstNumber: 100_001);
        await using (var stream = File.OpenRead(baseFile))
            Assert.True((await county.As<ImportRegistry>(county.Admin).HandleAsync(stream, "base.csv", new ImportRegistry.Options())).Ok);
        var loopHouseholds = await county.QueryAsync(db => db.Households.OrderBy(h => h.Number).Take(20).Select(h => new { h.Id, h.Version }).ToListAsync());

        using var stop = new CancellationTokenSource();
        var committed = 0;
        var loop = Task.Run(async () =>
        {
            var versions = loopHouseholds.ToDictionary(h => h.Id, h => h.Version);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = loopHouseholds[i % loopHouseholds.Count].Id;
                var member = Build.Member(Relation.Grandson, Sex.Male, Added);
                var response = await county.As<AddMember>(county.Admin).HandleAsync(new AddMember.Request(id, versions[id], member, "在途写入"));
                versions[id] = response.Version;
                Interlocked.Increment(ref committed);
            }
        });
        // The loop first, until it has committed a few (on SQLite it then waits for the import's write lock).
        while (Volatile.Read(ref committed) < 3 && !loop.IsCompleted) await Task.Delay(20);
        var midway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var import = Task.Run(async () =>
        {
            await using var stream = File.OpenRead(importFile);
            return await county.As<ImportRegistry>(county.Admin).HandleAsync(stream, "more.csv", new ImportRegistry.Options(),
                new Reporter(rows => { if (rows >= 6_000) midway.TrySetResult(); }));
        });

        await Task.WhenAny(midway.Task, import, loop).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.False(loop.IsCompleted, loop.Exception?.ToString());
        Assert.False(import.IsCompleted, "the import ended before the backup started");
        var committedAtStart = Volatile.Read(ref committed);
        var file = Path.Combine(work, "live.zip");
        var (backedUp, _, backupError) = await RunAsync("backup", "--db", BackupCommandTests.Db(county.Target), "--data-dir", county.Settings.DataDirectory, "--out", file);
        var importRunningAtEnd = !import.IsCompleted;
        var committedAtEnd = Volatile.Read(ref committed);
        // The loop goes on until the import has committed (on SQLite it waits for the import's lock).
        var imported = await import;
        await Task.Delay(200);
        stop.Cancel();
        await loop;
        Assert.True(backedUp == 0, backupError);
        Assert.True(imported.Ok && imported.Stored);

        var target = await BackupCommandTests.NewTargetAsync(provider, work);
        try
        {
            var key = Path.Combine(work, "key");
            await File.WriteAllTextAsync(key, TestCounty.PersonalDataKey);
            var (restored, _, restoreError) = await RunAsync("restore", "--from", file, "--db", BackupCommandTests.Db(target), "--data-dir", Path.Combine(work, "data"), "--key", key);
            Assert.True(restored == 0, restoreError);

            using var protector = new PersonalDataProtector(Convert.FromBase64String(TestCounty.PersonalDataKey));
            await using var db = new TuopinDbFactory(target, protector, TimeProvider.System).CreateForOperator("tests");
            // The import: all or nothing, and nothing when it was still running as the backup ended.
            var numbers = await db.Households.Select(h => h.Number).ToListAsync();
            var fromImport = numbers.Count(n => string.CompareOrdinal(n, "4228279000100000") > 0);
            var importAudited = await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Bulk && a.Reason == "导入文件 more.csv");
            Assert.Contains(fromImport, new[] { 0, ImportedHouseholds });
            Assert.Equal(fromImport == 0 ? 0 : 1, importAudited);
            if (importRunningAtEnd) Assert.Equal(0, fromImport);
            var members = await db.Members.CountAsync();
            var added = await db.Members.Where(m => m.Name == Added).Select(m => m.Id).ToListAsync();
            Assert.Equal(BaseHouseholds * 4 + (fromImport == 0 ? 0 : importRows) + added.Count, members);

            // Every household's size is its present members, and every added member has its audit entry, and the other way round.
            var wrongSize = await db.Households.CountAsync(h => h.Size != db.Members.Count(m => m.HouseholdId == h.Id && m.Status == MemberStatus.Present));
            Assert.Equal(0, wrongSize);
            var audited = await db.AuditEntries.Where(a => a.EntityType == "Member" && a.Action == AuditAction.Insert).Select(a => a.EntityId).ToListAsync();
            Assert.Equal(added.Order(), audited.Order());
            Assert.InRange(added.Count, committedAtStart, committedAtEnd + 1);
            log.WriteLine($"{provider}: {committedAtStart} members added before the backup, {committedAtEnd} by its end, {added.Count} in it; " +
                $"import {(importRunningAtEnd ? "still running at the backup's end" : "done by the backup's end")}, {fromImport} of its households in it; " +
                $"{committed} members added in all");
        }
        finally
        {
            await TestDatabases.DropAsync(target);
        }
    }

    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
