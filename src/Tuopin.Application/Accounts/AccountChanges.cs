using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Accounts;

/// <summary>
/// What the administrator's account changes share: who may make them, finding the account, a new
/// security stamp (which ends every session, token and open page of the account), and the audit entry
/// written in the same save as the change.
/// </summary>
internal static class AccountChanges
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void RequireAdministrator(Actor actor)
    {
        if (!Permissions.CanManageUsers(actor.Role) || actor.Scope.Level is not (AreaLevel.Everything or AreaLevel.County))
            throw new ForbiddenException(new LocalText("只有县级管理员可以管理账号", "Only a county administrator manages accounts"));
    }

    /// <summary>The account named by its login name or id, in the administrator's county (tracked).</summary>
    public static async Task<User> FindAsync(TuopinDb db, Actor actor, string user, CancellationToken ct)
    {
        var text = user?.Trim() ?? string.Empty;
        var byId = Guid.TryParse(text, out var id);
        var normalized = text.ToUpperInvariant();
        var found = await db.Users.FirstOrDefaultAsync(u => byId ? u.Id == id : u.NormalizedUserName == normalized, ct);
        if (found is null || actor.Scope.Level != AreaLevel.Everything && found.CountyId != actor.Scope.CountyId)
            throw new NotFoundException(new LocalText($"没有账号“{text}”", $"No account '{text}'"));
        return found;
    }

    /// <summary>A county must keep an administrator who can sign in: the last one is not disabled, demoted or moved.</summary>
    public static async Task KeepAnAdministratorAsync(TuopinDb db, User user, CancellationToken ct)
    {
        if (user.Role != Role.CountyAdmin || user.DisabledAt is not null) return;
        var others = await db.Users.CountAsync(u => u.Id != user.Id && u.Role == Role.CountyAdmin && u.CountyId == user.CountyId && u.DisabledAt == null, ct);
        if (others == 0)
            throw new InvalidRequestException([new Problem("user", "user.last_administrator", new LocalText(
                "这是本县最后一个可用的县级管理员账号，不能停用或改变其角色；请先为另一人创建管理员账号",
                "This is the county's last active administrator; create another administrator first"))]);
    }

    /// <summary>A new security stamp: every session, token and open page of the account ends.</summary>
    public static void EndSessions(User user)
    {
        user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    public static void Audit(TuopinDb db, User user, object changes, string? reason, AuditAction action = AuditAction.Update) => db.AuditEntries.Add(new AuditEntry
    {
        Id = Guid.CreateVersion7(),
        At = db.Clock.GetUtcNow().UtcDateTime,
        UserId = db.Actor.UserId,
        UserName = db.Actor.UserName.Length > 100 ? db.Actor.UserName[..100] : db.Actor.UserName,
        Action = action,
        EntityType = nameof(User),
        EntityId = user.Id,
        Changes = JsonSerializer.Serialize(changes, Compact),
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim().Length > 500 ? reason.Trim()[..500] : reason.Trim(),
        CorrelationId = Guid.CreateVersion7(),
        Client = db.Actor.Client,
        // The account's county's log (an account above the county: the actor's, given at sealing).
        CountyId = AuditCounties.Known(user.CountyId),
    });

    public static object Change(object? old, object? @new) => new { old, @new };

    /// <summary>A unit as the audit names it: its id and name.</summary>
    public static object? Unit(Domain.Organisation.OrgUnit? unit) => unit is null ? null : new { unit.Id, unit.Name };
}
