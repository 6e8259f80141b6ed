using Microsoft.AspNetCore.Identity;
using Tuopin.Application.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Web.Accounts;

/// <summary>
/// Checks a user name and password for the sign-in page and the token endpoint alike. Every failure
/// gets the same answer, whether the name exists or not, and takes as long (an unknown name is checked
/// against a stand-in hash); guessing is slowed by <see cref="SignInThrottle"/>, never by locking the
/// account itself, so that nobody can lock an official out by typing their name.
/// </summary>
public sealed class PasswordSignIn(UserManager<User> users, SignInThrottle throttle, Application.Audit.AccessLog log)
{
    public enum Outcome { Succeeded, Refused, Disabled }

    public sealed record Result(Outcome Outcome, User? User)
    {
        public bool Succeeded => Outcome == Outcome.Succeeded;
    }

    public static readonly LocalText RefusedText = new(
        $"登录名或密码不正确（同一登录名连续输错 {SignInThrottle.MaxFailures} 次后，须等 {SignInThrottle.Window.TotalMinutes:0} 分钟再试）",
        $"Wrong user name or password (after {SignInThrottle.MaxFailures} wrong attempts for a name, wait {SignInThrottle.Window.TotalMinutes:0} minutes)");

    public static readonly LocalText DisabledText = new("该账号已停用，请与县扶贫办联系", "This account is disabled; ask the county office");

    public static readonly LocalText MustChangeText = new(
        "请先修改初始密码：在网页登录后修改，或调用 POST /api/v1/auth/password",
        "Change the initial password first: sign in on the web page, or call POST /api/v1/auth/password");

    private static readonly Lazy<string> StandInHash = new(() => new PasswordHasher<User>().HashPassword(new User { DisplayName = "" }, Guid.NewGuid().ToString()));

    public async Task<Result> CheckAsync(string? userName, string? password, string client)
    {
        var name = userName?.Trim() ?? string.Empty;
        if (name.Length == 0 || string.IsNullOrEmpty(password)) return new Result(Outcome.Refused, null);
        if (throttle.IsBlocked(name, client))
        {
            // Refused without looking, in the same time as a real check.
            users.PasswordHasher.VerifyHashedPassword(new User { DisplayName = "" }, StandInHash.Value, password);
            await log.SignInAsync(null, name, client, false, "throttled");
            return new Result(Outcome.Refused, null);
        }
        var user = name.Length > 256 ? null : await users.FindByNameAsync(name);
        var right = user is null
            ? users.PasswordHasher.VerifyHashedPassword(new User { DisplayName = "" }, StandInHash.Value, password) != PasswordVerificationResult.Failed && false
            : await users.CheckPasswordAsync(user, password);
        if (!right)
        {
            throttle.Failed(name, client);
            await log.SignInAsync(user?.Id, name, client, false, user is null ? "unknown user name" : "wrong password");
            return new Result(Outcome.Refused, user);
        }
        throttle.Succeeded(name, client);
        if (user!.DisabledAt is not null)
        {
            await log.SignInAsync(user.Id, name, client, false, "account disabled");
            return new Result(Outcome.Disabled, user);
        }
        await log.SignInAsync(user.Id, name, client, true, user.MustChangePassword ? "password (generated: must change it)" : "password");
        return new Result(Outcome.Succeeded, user);
    }

    public static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "-";
}
