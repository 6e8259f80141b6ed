using Microsoft.AspNetCore.Identity;
using Tuopin.Application.Common;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Accounts;

/// <summary>
/// An official changes their own password, with the current one (also a generated first password).
/// The account gets a new security stamp, so every earlier token and every other session ends.
/// </summary>
public sealed class ChangePassword(UserManager<User> users, AccountSessions sessions, Storage.TuopinDbFactory factory)
{
    public async Task HandleAsync(User user, string? current, string? next)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrEmpty(next))
            problems.Add(new Problem("newPassword", "user.password_missing", new LocalText("请填写新密码", "Give the new password")));
        else if (string.Equals(current, next, StringComparison.Ordinal))
            problems.Add(new Problem("newPassword", "user.password_unchanged", new LocalText("新密码不能与当前密码相同", "The new password must differ from the current one")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var result = await users.ChangePasswordAsync(user, current ?? string.Empty, next!);
        if (!result.Succeeded)
            throw new InvalidRequestException(result.Errors.Select(e => AccountRules.Problem(e, e.Code == "PasswordMismatch" ? "currentPassword" : "newPassword")).ToList());
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        sessions.Forget(user.Id);
        await using var db = factory.Create(user.ToActor());
        AccountChanges.Audit(db, user, new { password = AccountChanges.Change("***", "***") }, "本人修改密码");
        await db.SaveChangesAsync();
    }
}
