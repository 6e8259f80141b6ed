using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Accounts;

/// <summary>
/// Disables an official's account (someone who left or moved): it can no longer sign in, and its open
/// sessions, tokens and pages end at once. Nothing the account recorded is removed.
/// </summary>
public sealed class DisableUser(Database database, AccountSessions sessions)
{
    public sealed record Request(string User, string? Reason);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        AccountChanges.RequireAdministrator(database.Actor);
        await using var db = database.Open();
        var user = await AccountChanges.FindAsync(db, database.Actor, request.User, ct);
        if (user.Id == database.Actor.UserId)
            throw new InvalidRequestException([new Problem("user", "user.disable_self", new LocalText("不能停用自己的账号", "You cannot disable your own account"))]);
        if (user.DisabledAt is not null)
            throw new InvalidRequestException([new Problem("user", "user.already_disabled", new LocalText($"账号“{user.UserName}”已停用", $"The account '{user.UserName}' is already disabled"))]);
        await AccountChanges.KeepAnAdministratorAsync(db, user, ct);
        user.DisabledAt = database.Clock.GetUtcNow().UtcDateTime;
        AccountChanges.EndSessions(user);
        AccountChanges.Audit(db, user, new { disabled = AccountChanges.Change(false, true) }, request.Reason ?? "停用账号");
        await db.SaveChangesAsync(ct);
        sessions.Forget(user.Id);
    }
}
