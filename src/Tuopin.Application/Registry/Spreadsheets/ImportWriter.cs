using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

using Tuopin.Application.Audit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// The import's writing: checked batches bulk-inserted inside the import's transaction while the next
/// batch is read (grouped files), or everything in a second pass (a file not grouped); the history, the
/// batch's audit entry, the update mode's edits (<see cref="UpdateRegistryFromSheet"/>) and the commit.
/// It owns the transaction, the writer task in flight and the counts written; the connection is the
/// writer task's until <see cref="Written"/> has ended.
/// </summary>
internal sealed class ImportWriter(TuopinDb db, IPersonalDataProtector protector, DateOnly today, ImportTimings timings, UpdateRegistryFromSheet updates) : IAsyncDisposable
{
    private const int WriteBatch = 5000;

    private IDbContextTransaction? _transaction;
    private Task _pending = Task.CompletedTask;
    private bool _open;
    private Guid _batch;
    private DateTime _now;
    private string _fileName = string.Empty;
    private int _groupsWritten, _householdsWritten, _membersWritten, _incomesWritten, _changesWritten;
    private readonly HashSet<Guid> _counties = [];

    /// <summary>Batches are being written while the file is read (<see cref="BeginAsync"/> was called, the import not ended).</summary>
    public bool IsOpen => _open;

    /// <summary>The batch that this import's rows are written under, while it writes as it reads: a household or ID of it found in the registry was written from an earlier batch of the file.</summary>
    public Guid? Batch => _open ? _batch : null;

    /// <summary>The write in flight (completed when none is): the connection is the writer's until it ends.</summary>
    public Task Written => _pending;

    /// <summary>Opens the transaction that the checked households are written in, batch by batch.</summary>
    public async Task BeginAsync(string fileName, DateTime now, CancellationToken ct)
    {
        _transaction = await db.Database.BeginTransactionAsync(ct);
        _open = true;
        _batch = Guid.CreateVersion7();
        _now = now;
        _fileName = fileName;
    }

    /// <summary>
    /// A check batch found faultless: its records are built and handed to a writer task, which encrypts
    /// the IDs and phone numbers and inserts groups, households, members, incomes and history while the
    /// next batch is read and checked. Registered households (update mode) are kept for the tracked
    /// update at the end.
    /// </summary>
    public void Queue(IReadOnlyList<HouseholdDraft> closed, ImportPlaces places, CancellationToken ct)
    {
        var build = timings["build entities"];
        build.Start();
        var recordedBy = db.Actor.UserName;
        var groups = places.NewGroups.Skip(_groupsWritten).ToList();
        _groupsWritten = places.NewGroups.Count;
        var households = new List<Household>(closed.Count);
        var phones = new List<(Household Household, string Phone)>();
        var members = new List<MemberDraft>(closed.Count * 4);
        var incomes = new List<HouseholdIncome>(closed.Count * 4);
        var changes = new List<HouseholdStatusChange>(closed.Count * 2);
        foreach (var h in closed)
        {
            var e = h.Entity!;
            if (h.Existing is not null)
            {
                updates.Keep(h);
                continue;
            }
            e.BatchId = _batch;
            e.CreatedAt = e.UpdatedAt = _now;
            _counties.Add(e.CountyId);
            if (h.Phone is not null) phones.Add((e, h.Phone));
            households.Add(e);
            incomes.AddRange(h.Incomes);
            changes.AddRange(History(h, e, recordedBy, _now));
            foreach (var m in h.Members)
            {
                e.Adopt(m.Entity);
                m.Entity.CreatedAt = m.Entity.UpdatedAt = _now;
                members.Add(m);
            }
        }
        build.Stop();
        _householdsWritten += households.Count;
        _membersWritten += members.Count;
        _incomesWritten += incomes.Count;
        _changesWritten += changes.Count;
        var write = timings["encrypt and bulk write (beside the checks)"];
        _pending = Task.Run(async () =>
        {
            write.Start();
            var lap = timings.Laps("  of which");
            foreach (var (household, phone) in phones) household.PhoneCipher = protector.Protect(phone);
            var entities = new List<Member>(members.Count);
            foreach (var m in members)
            {
                m.Entity.ResidentIdCipher = protector.Protect(m.ResidentId!);
                entities.Add(m.Entity);
            }
            lap("encryption");
            await BulkWriter.InsertAsync(db, groups, lap, ct);
            await BulkWriter.InsertAsync(db, households, lap, ct);
            await BulkWriter.InsertAsync(db, entities, lap, ct);
            await BulkWriter.InsertAsync(db, incomes, lap, ct);
            await BulkWriter.InsertAsync(db, changes, lap, ct);
            write.Stop();
        }, ct);
    }

    /// <summary>
    /// The whole file was found faultless: the last batch is awaited, created groups get their numbers,
    /// the batch is audited, registered households are updated (update mode), and all is committed.
    /// Returns the members written.
    /// </summary>
    public async Task<int> FinishAsync(ImportPlaces places, CancellationToken ct)
    {
        await _pending;
        timings["save and commit"].Start();
        foreach (var g in places.NumberNewGroups())
        {
            var number = g.Number;
            await db.VillageGroups.Where(x => x.Id == g.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Number, number), ct);
        }
        if (_householdsWritten > 0)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                Id = _batch,
                At = _now,
                UserId = db.Actor.UserId,
                UserName = db.Actor.UserName,
                Action = AuditAction.Bulk,
                EntityType = "Household",
                EntityId = _batch,
                Changes = JsonSerializer.Serialize(new { source = "import", file = _fileName, villageGroups = places.NewGroups.Count, households = _householdsWritten, members = _membersWritten, incomes = _incomesWritten, statusChanges = _changesWritten }),
                Reason = $"导入文件 {_fileName}",
                CorrelationId = _batch,
                // The households' county (a county's official's import is of their county; the operator's may span several: none).
                CountyId = AuditCounties.Shared(_counties),
            });
        }
        var written = _membersWritten;
        if (updates.Count > 0) written += await updates.UpdateAsync(_fileName, _now, ct);
        db.ChangeReason = $"导入文件 {_fileName}（更新模式）";
        await db.SaveChangesAsync(ct);
        await _transaction!.CommitAsync(ct);
        timings["save and commit"].Stop();
        timings["analyze"].Start();
        if (_membersWritten > 5000) await AnalyzeAsync(ct);
        timings["analyze"].Stop();
        return written;
    }

    /// <summary>
    /// Pass 2 of a file whose households are not grouped: writes everything in one transaction (rolled
    /// back by any failure, so the database is unchanged); the members of new households stream from the
    /// file (<paramref name="members"/>, read again) to the bulk writer in batches, those of registered
    /// households (update mode) are kept for the tracked update. Returns the number of members written.
    /// </summary>
    public async Task<int> WriteAllAsync(IReadOnlyList<HouseholdDraft> all, ImportPlaces places, IEnumerable<(MemberDraft Member, HouseholdDraft Household)> members,
        string fileName, DateTime now, CancellationToken ct)
    {
        var batch = Guid.CreateVersion7();
        var fresh = all.Where(h => h.Existing is null).ToList();
        var households = new List<Household>(fresh.Count);
        var incomes = new List<HouseholdIncome>();
        var changes = new List<HouseholdStatusChange>();
        var recordedBy = db.Actor.UserName;
        var encrypt = timings["encrypt and build entities"];
        encrypt.Start();
        foreach (var h in fresh)
        {
            var e = h.Entity!;
            e.BatchId = batch;
            e.CreatedAt = e.UpdatedAt = now;
            e.PhoneCipher = h.Phone is null ? null : protector.Protect(h.Phone);
            households.Add(e);
            incomes.AddRange(h.Incomes);
            changes.AddRange(History(h, e, recordedBy, now));
        }

        places.NumberNewGroups();
        encrypt.Stop();
        var write = timings["bulk write"];
        write.Start();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, [.. places.NewGroups], ct);
        await BulkWriter.InsertAsync(db, households, ct);
        write.Stop();
        var inserted = await StreamMembersAsync(members, now, ct);
        write.Start();
        await BulkWriter.InsertAsync(db, incomes, ct);
        await BulkWriter.InsertAsync(db, changes, ct);
        write.Stop();
        if (fresh.Count > 0)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                Id = batch,
                At = now,
                UserId = db.Actor.UserId,
                UserName = recordedBy,
                Action = AuditAction.Bulk,
                EntityType = "Household",
                EntityId = batch,
                Changes = JsonSerializer.Serialize(new { source = "import", file = fileName, villageGroups = places.NewGroups.Count, households = households.Count, members = inserted, incomes = incomes.Count, statusChanges = changes.Count }),
                Reason = $"导入文件 {fileName}",
                CorrelationId = batch,
                CountyId = AuditCounties.Shared(households.Select(h => h.CountyId)),
            });
        }
        var written = inserted;
        foreach (var h in all)
            if (h.Existing is not null) updates.Keep(h);
        if (updates.Count > 0) written += await updates.UpdateAsync(fileName, now, ct);
        db.ChangeReason = $"导入文件 {fileName}（更新模式）";
        timings["save and commit"].Start();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        timings["save and commit"].Stop();
        timings["analyze"].Start();
        if (inserted > 5000) await AnalyzeAsync(ct);
        timings["analyze"].Stop();
        return written;
    }

    /// <summary>
    /// The members read again: those of new households go to the database in batches, those of registered
    /// households (update mode) are kept on their household for the tracked update. Returns the members inserted.
    /// </summary>
    private async Task<int> StreamMembersAsync(IEnumerable<(MemberDraft Member, HouseholdDraft Household)> members, DateTime now, CancellationToken ct)
    {
        var buffer = new List<Member>(WriteBatch);
        var inserted = 0;
        var parse = timings["pass 2: parse rows, encrypt IDs"];
        var write = timings["bulk write"];
        foreach (var (draft, household) in members)
        {
            parse.Start();
            if (household.Existing is not null)
            {
                household.Members.Add(draft);
                parse.Stop();
                continue;
            }
            var member = draft.Entity;
            household.Entity!.Adopt(member);
            member.ResidentIdCipher = protector.Protect(draft.ResidentId!);
            member.CreatedAt = member.UpdatedAt = now;
            buffer.Add(member);
            parse.Stop();
            if (buffer.Count < WriteBatch) continue;
            write.Start();
            await BulkWriter.InsertAsync(db, buffer, ct);
            write.Stop();
            inserted += buffer.Count;
            buffer.Clear();
            ct.ThrowIfCancellationRequested();
        }
        write.Start();
        await BulkWriter.InsertAsync(db, buffer, ct);
        write.Stop();
        inserted += buffer.Count;
        return inserted;
    }

    /// <summary>The tables an import writes in bulk.</summary>
    internal static readonly string[] Tables = ["village_groups", "households", "members", "member_name_grams", "household_incomes", "household_status_changes"];

    /// <summary>
    /// The planner's statistics of the tables the import wrote, after a large one — those tables only: in a database of many
    /// counties a whole-database ANALYZE samples every table of every concern, and ran under the command time-out after the
    /// import had committed (a failure reported for an import that was stored). No time-out here for the same reason.
    /// </summary>
    private async Task AnalyzeAsync(CancellationToken ct)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        try
        {
            // PostgreSQL takes the list in one statement; SQLite one table at a time. The names are this class's own constants.
            IEnumerable<string> statements = db.Database.IsNpgsql()
                ? [$"ANALYZE {string.Join(", ", Tables.Select(t => $"\"{t}\""))}"]
                : Tables.Select(t => $"ANALYZE \"{t}\"");
            foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    private IEnumerable<HouseholdStatusChange> History(HouseholdDraft h, Household e, string recordedBy, DateTime now)
    {
        var registered = HouseholdCheck.RegisteredOn(h, e, today);
        yield return new HouseholdStatusChange
        {
            Id = Guid.CreateVersion7(), HouseholdId = e.Id, Kind = HouseholdEventKind.Registration, Sequence = 1, SizeAfter = e.Size,
            Date = registered, From = null, To = HouseholdStatus.NotExited,
            Reason = "导入登记", RecordedBy = recordedBy, RecordedAt = now,
        };
        if (e.Status == HouseholdStatus.NotExited) yield break;
        var date = h.ExitedOn ?? (e.ExitYear is { } y && y < today.Year ? new DateOnly(y, 12, 31) : today);
        yield return new HouseholdStatusChange
        {
            Id = Guid.CreateVersion7(), HouseholdId = e.Id, Kind = HouseholdStatusRules.EventKindOf(e.Status), Sequence = 2, SizeAfter = e.Size,
            Date = date, From = HouseholdStatus.NotExited, To = e.Status,
            Year = e.Status == HouseholdStatus.Exited ? e.ExitYear : null, Reason = "导入时的状态", RecordedBy = recordedBy, RecordedAt = now,
        };
    }

    /// <summary>Ends the write in flight, then rolls the transaction back unless it was committed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _pending;
        }
        catch (Exception)
        {
            // The failure that ends the import is the one being reported.
        }
        _pending = Task.CompletedTask;
        _open = false;
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }
}
