using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;

namespace Tuopin.Application.Accounts;

/// <summary>
/// On the first start of a database without accounts, creates the county administrator "admin"
/// with a generated password, returned once to be printed. There is never a fixed default password.
/// </summary>
public static class EnsureAdministrator
{
    public const string UserName = "admin";

    public sealed record Created(string UserName, string Password);

    public static async Task<Created?> RunAsync(TuopinDbFactory factory, UserManager<User> users, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator("setup");
        if (await db.Users.AnyAsync(ct)) return null;
        var counties = await db.Counties.Select(c => c.Id).Take(2).ToListAsync(ct);
        var password = CreateUser.NewPassword();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = UserName,
            DisplayName = "县扶贫办管理员",
            Role = Role.CountyAdmin,
            CountyId = counties.Count == 1 ? counties[0] : Guid.Empty,
            CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
            MustChangePassword = true,
        };
        return await CreateAsync(users, user, password);
    }

    /// <summary>A start-up account (the administrator, the demo's): created with its generated password, which is returned once.</summary>
    internal static async Task<Created> CreateAsync(UserManager<User> users, User user, string password)
    {
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return new Created(user.UserName!, password);
    }
}
