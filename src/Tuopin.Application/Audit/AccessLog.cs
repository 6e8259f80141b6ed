using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Audit;

/// <summary>
/// What the audit records besides changes: sign-ins (and refused ones), reads of unmasked personal data,
/// and exports — each an entry of the same chained log, with who, when, from where and what.
/// A user who keeps a household open and reloads it is recorded once per <see cref="ReadWindow"/>, not
/// on every reload, so that the log says who saw whose data without a write for every page view.
/// </summary>
public sealed class AccessLog(TuopinDbFactory factory)
{
    public static readonly TimeSpan ReadWindow = TimeSpan.FromMinutes(10);

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly ConcurrentDictionary<(Guid User, Guid Entity), long> _recentReads = new();

    /// <summary>
    /// Records a sign-in or a refused one, in the account's county's log (a name no account has: in none); a successful one
    /// is also the account's last sign-in.
    /// </summary>
    public async Task SignInAsync(Guid? userId, string userName, string? client, bool succeeded, string detail, CancellationToken ct = default)
    {
        var name = string.IsNullOrWhiteSpace(userName) ? "（空）" : userName.Trim();
        Guid? county;
        await using (var db = factory.CreateForOperator("audit"))
        {
            if (succeeded && userId is { } id)
            {
                var now = factory.Clock.GetUtcNow().UtcDateTime;
                await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                    db.Users.Where(u => u.Id == id), s => s.SetProperty(u => u.LastSignInAt, now), ct);
            }
            // A refusal without looking (a name slowed down) names no account: the name's, if one has it.
            var normalized = name.ToUpperInvariant();
            var account = userId is { } known ? db.Users.Where(u => u.Id == known) : db.Users.Where(u => u.NormalizedUserName == normalized);
            county = AuditCounties.Known(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(account.Select(u => u.CountyId), ct));
        }
        await WriteAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = factory.Clock.GetUtcNow().UtcDateTime, UserId = userId, UserName = Cut(name, 100)!,
            Action = succeeded ? AuditAction.SignIn : AuditAction.SignInRefused, EntityType = "User", EntityId = userId ?? Guid.Empty,
            Changes = JsonSerializer.Serialize(new { result = detail }, Compact), Client = Cut(client, 64), CorrelationId = Guid.CreateVersion7(),
            CountyId = county,
        }, ct);
    }

    /// <summary>Records that the actor was shown unmasked personal data of a record (once per window and record).</summary>
    public async Task ReadAsync(Actor actor, string entityType, Guid entityId, Guid? householdId, object what, CancellationToken ct = default)
    {
        if (actor.UserId is not { } user) return; // the database's operator at a shell: commands audit themselves
        var now = Environment.TickCount64;
        if (_recentReads.TryGetValue((user, entityId), out var at) && now - at < ReadWindow.TotalMilliseconds) return;
        _recentReads[(user, entityId)] = now;
        if (_recentReads.Count > 100_000) _recentReads.Clear();
        await WriteAsync(Entry(actor, AuditAction.Read, entityType, entityId, householdId, what, null), ct);
    }

    /// <summary>
    /// Records that a prefecture's or province's official began to read a county's records on their grant (masked, read-only;
    /// ADR 0016): every choice, so that the county's log says who above it read its records, and from when.
    /// </summary>
    public Task CountyReadAsync(Actor actor, Guid countyId, object what, CancellationToken ct = default)
    {
        var entry = Entry(actor, AuditAction.Read, "County", countyId, null, what, "查阅县级记录（只读、个人信息脱敏）");
        entry.CountyId = countyId;
        return WriteAsync(entry, ct);
    }

    /// <summary>Records a file written out of the records: what, how many, masked or not.</summary>
    public Task ExportAsync(Actor actor, string entityType, Guid entityId, object what, string? reason = null, CancellationToken ct = default) =>
        WriteAsync(Entry(actor, AuditAction.Export, entityType, entityId, null, what, reason), ct);

    private static AuditEntry Entry(Actor actor, AuditAction action, string entityType, Guid entityId, Guid? householdId, object what, string? reason) => new()
    {
        Id = Guid.CreateVersion7(), UserId = actor.UserId, UserName = Cut(actor.UserName, 100)!, Action = action, EntityType = entityType,
        EntityId = entityId, HouseholdId = householdId, Changes = JsonSerializer.Serialize(what, Compact), Reason = Cut(reason, 500),
        Client = Cut(actor.Client, 64), CorrelationId = Guid.CreateVersion7(), CountyId = AuditCounties.Of(actor),
    };

    private async Task WriteAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var db = factory.CreateForOperator("audit");
        if (entry.At == default) entry.At = db.Clock.GetUtcNow().UtcDateTime;
        if (entry.HouseholdId is { } household && entry.TownshipId is null)
        {
            // A read of a household's data is filed under the household's place and county, as its changes are.
            var place = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                db.Households.Where(h => h.Id == household).Select(h => new { h.CountyId, h.TownshipId, h.VillageId }), ct);
            if (place is not null) (entry.CountyId, entry.TownshipId, entry.VillageId) = (place.CountyId, place.TownshipId, place.VillageId);
        }
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
    }

    private static string? Cut(string? text, int length) => text is null ? null : text.Length > length ? text[..length] : text;
}
