using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Accounts;

/// <summary>Enables a disabled account again; its owner signs in with the password they had.</summary>
public sealed class EnableUser(Database database, AccountSessions sessions)
{
    public sealed record Request(string User, string? Reason);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        AccountChanges.RequireAdministrator(database.Actor);
        await using var db = database.Open();
        var user = await AccountChanges.FindAsync(db, database.Actor, request.User, ct);
        if (user.DisabledAt is null)
            throw new InvalidRequestException([new Problem("user", "user.not_disabled", new LocalText($"账号“{user.UserName}”没有停用", $"The account '{user.UserName}' is not disabled"))]);
        user.DisabledAt = null;
        AccountChanges.EndSessions(user);
        AccountChanges.Audit(db, user, new { disabled = AccountChanges.Change(true, false) }, request.Reason ?? "启用账号");
        await db.SaveChangesAsync(ct);
        sessions.Forget(user.Id);
    }
}
