using System.Text.Json;
using Microsoft.EntityFrameworkCore;

using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Writing: checked batches bulk-inserted inside the import's transaction (or, for a file not grouped, a second pass), history, audit, commit.</summary>
internal sealed partial class ImportRun
{
    /// <summary>
    /// Pass 2 of a file whose households are not grouped: writes everything in one transaction (rolled
    /// back by any failure, so the database is unchanged); the members of new households stream from the
    /// file to the bulk writer in batches.
    /// Returns the number of members written.
    /// </summary>
    public async Task<int> WriteAsync(IEnumerable<SheetRow> rows, string fileName, DateTime now, CancellationToken ct)
    {
        var batch = Guid.CreateVersion7();
        var fresh = Households.Where(h => h.Existing is null).ToList();
        var updates = Households.Where(h => h.Existing is not null).ToList();
        var households = new List<Household>(fresh.Count);
        var incomes = new List<HouseholdIncome>();
        var changes = new List<HouseholdStatusChange>();
        var recordedBy = db.Actor.UserName;
        var encrypt = Timings["encrypt and build entities"];
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

        Places.NumberNewGroups();
        encrypt.Stop();
        var write = Timings["bulk write"];
        write.Start();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, [.. Places.NewGroups], ct);
        await BulkWriter.InsertAsync(db, households, ct);
        write.Stop();
        var members = await StreamMembersAsync(rows, now, ct);
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
                Changes = JsonSerializer.Serialize(new { source = "import", file = fileName, villageGroups = Places.NewGroups.Count, households = households.Count, members, incomes = incomes.Count, statusChanges = changes.Count }),
                Reason = $"导入文件 {fileName}",
                CorrelationId = batch,
            });
        }
        var written = members;
        if (updates.Count > 0) written += await new UpdateRegistryFromSheet(db, protector, today).UpdateAsync(updates, fileName, now, ct);
        db.ChangeReason = $"导入文件 {fileName}（更新模式）";
        Timings["save and commit"].Start();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Timings["save and commit"].Stop();
        Timings["analyze"].Start();
        if (members > 5000) await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        Timings["analyze"].Stop();
        return written;
    }

    // ---- Writing while reading (grouped files) ----

    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _transaction;
    private Task _pending = Task.CompletedTask;
    private bool _stream;
    private Guid _batch;
    private DateTime _now;
    private string _fileName = string.Empty;
    private int _groupsWritten, _householdsWritten, _membersWritten, _incomesWritten, _changesWritten;
    private readonly List<HouseholdDraft> _updates = [];

    /// <summary>Checked households are written as long as no row has been rejected.</summary>
    private bool Writing => _stream && _errors.Count == 0;

    /// <summary>Opens the transaction that the checked households are written in, batch by batch.</summary>
    public async Task BeginWritingAsync(string fileName, DateTime now, CancellationToken ct)
    {
        _transaction = await db.Database.BeginTransactionAsync(ct);
        _stream = true;
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
    private void Queue(List<HouseholdDraft> closed, CancellationToken ct)
    {
        var build = Timings["build entities"];
        build.Start();
        var recordedBy = db.Actor.UserName;
        var groups = Places.NewGroups.Skip(_groupsWritten).ToList();
        _groupsWritten = Places.NewGroups.Count;
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
                foreach (var m in h.Members)
                    if (_taken.TryGetValue(m.Entity.ResidentIdIndex, out var same) && same.Household == h.Existing.Id)
                        m.ExistingId = same.Member;
                h.DropFields();
                h.People.Clear();
                _updates.Add(h);
                continue;
            }
            e.BatchId = _batch;
            e.CreatedAt = e.UpdatedAt = _now;
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
        // From now on the database answers for these rows: an ID or household number of theirs that comes
        // again is found by the registry lookup. The household being read stays (its rows are not written yet).
        _rowOfIndex.Clear();
        _closedNumbers.Clear();
        foreach (var p in _current?.People ?? [])
            if (p.Index.Length > 0) _rowOfIndex.TryAdd(BlindKey.Of(p.Index), p.Row);
        _householdsWritten += households.Count;
        _membersWritten += members.Count;
        _incomesWritten += incomes.Count;
        _changesWritten += changes.Count;
        var write = Timings["encrypt and bulk write (beside the checks)"];
        _pending = Task.Run(async () =>
        {
            write.Start();
            foreach (var (household, phone) in phones) household.PhoneCipher = protector.Protect(phone);
            var entities = new List<Member>(members.Count);
            foreach (var m in members)
            {
                m.Entity.ResidentIdCipher = protector.Protect(m.ResidentId!);
                entities.Add(m.Entity);
            }
            await BulkWriter.InsertAsync(db, groups, ct);
            await BulkWriter.InsertAsync(db, households, ct);
            await BulkWriter.InsertAsync(db, entities, ct);
            await BulkWriter.InsertAsync(db, incomes, ct);
            await BulkWriter.InsertAsync(db, changes, ct);
            write.Stop();
        }, ct);
    }

    /// <summary>
    /// The whole file was found faultless: the last batch is awaited, created groups get their numbers,
    /// the batch is audited, registered households are updated (update mode), and all is committed.
    /// Returns the members written.
    /// </summary>
    public async Task<int> FinishAsync(CancellationToken ct)
    {
        await _pending;
        Timings["save and commit"].Start();
        foreach (var g in Places.NumberNewGroups())
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
                Changes = JsonSerializer.Serialize(new { source = "import", file = _fileName, villageGroups = Places.NewGroups.Count, households = _householdsWritten, members = _membersWritten, incomes = _incomesWritten, statusChanges = _changesWritten }),
                Reason = $"导入文件 {_fileName}",
                CorrelationId = _batch,
            });
        }
        var written = _membersWritten;
        if (_updates.Count > 0) written += await new UpdateRegistryFromSheet(db, protector, today).UpdateAsync(_updates, _fileName, _now, ct);
        db.ChangeReason = $"导入文件 {_fileName}（更新模式）";
        await db.SaveChangesAsync(ct);
        await _transaction!.CommitAsync(ct);
        Timings["save and commit"].Stop();
        Timings["analyze"].Start();
        if (_membersWritten > 5000) await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        Timings["analyze"].Stop();
        return written;
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
        _stream = false;
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    /// <summary>
    /// Reads the file again: the members of new households go to the database in batches, those of
    /// registered households (update mode) are kept for the tracked update. Returns the members inserted.
    /// </summary>
    private async Task<int> StreamMembersAsync(IEnumerable<SheetRow> rows, DateTime now, CancellationToken ct)
    {
        _writing = true;
        var buffer = new List<Member>(WriteBatch);
        var inserted = 0;
        var seen = 0;
        var read = Timings["pass 2: read file"];
        var parse = Timings["pass 2: parse rows, encrypt IDs"];
        var write = Timings["bulk write"];
        var header = true;
        foreach (var row in Timings.Time(rows, read))
        {
            if (header) { header = false; continue; }
            if (row.IsBlank) continue;
            parse.Start();
            ReadRow(row);
            var (draft, household) = (_written!, _writtenHousehold!);
            seen++;
            if (household.Existing is not null)
            {
                if (_taken.TryGetValue(draft.Entity.ResidentIdIndex, out var same) && same.Household == household.Existing.Id)
                    draft.ExistingId = same.Member;
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
        if (seen != RowCount) throw FileChanged(0);
        return inserted;
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
}
