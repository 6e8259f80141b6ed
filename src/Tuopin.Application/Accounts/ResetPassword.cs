using Microsoft.AspNetCore.Identity;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Accounts;

/// <summary>
/// Gives an account a new generated password, shown once to the administrator to hand over. It works
/// only to choose a new one (page or API) at the next sign-in; every earlier session and token ends.
/// </summary>
public sealed class ResetPassword(Database database, UserManager<User> users, AccountSessions sessions)
{
    public sealed record Request(string User, string? Reason);

    public sealed record Response(string UserName, string Password);

    public async Task<Response> HandleAsync(Request request, CancellationToken ct = default)
    {
        AccountChanges.RequireAdministrator(database.Actor);
        await using var db = database.Open();
        var user = await AccountChanges.FindAsync(db, database.Actor, request.User, ct);
        var password = CreateUser.NewPassword();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = true;
        AccountChanges.EndSessions(user);
        AccountChanges.Audit(db, user, new { password = AccountChanges.Change("***", "（已重置：首次登录须修改）"), mustChangePassword = AccountChanges.Change(false, true) }, request.Reason ?? "重置密码");
        await db.SaveChangesAsync(ct);
        sessions.Forget(user.Id);
        return new Response(user.UserName!, password);
    }
}
