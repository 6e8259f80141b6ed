using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;

namespace Tuopin.Application.Accounts;

/// <summary>
/// The demo's account of the discipline group (执纪问责组): <c>jiwei</c>, a county-department account working for 县纪委 (a
/// member of the group), which opens and decides accountability cases. Created once, when the demo's organisation holds
/// 县纪委 and no account has the name, with a generated password returned once to be printed (never a fixed one) and to
/// be changed at the first sign-in. Its unit must fit it by the rule every account's unit follows
/// (<see cref="AccountUnitRules.Fit"/>, as <see cref="CreateUser"/> asks): a demo account that does not fit is a bug of the
/// demo, and stops it loudly rather than making an account the administrator could not have made.
/// </summary>
public static class CreateDemoAccounts
{
    public const string DisciplineUserName = "jiwei";

    public const string DisciplineUnit = "县纪委";

    /// <summary>A demo account: who it is, and the unit (by name and kind) it works for.</summary>
    internal sealed record Account(string UserName, string DisplayName, Role Role, Department? Department, string UnitName, UnitKind UnitKind);

    internal static readonly Account Discipline = new(DisciplineUserName, "县纪委执纪问责员", Role.LineDepartment, null, DisciplineUnit, UnitKind.Department);

    public static Task<EnsureAdministrator.Created?> RunAsync(TuopinDbFactory factory, UserManager<User> users, CancellationToken ct = default) =>
        RunAsync(factory, users, Discipline, ct);

    internal static async Task<EnsureAdministrator.Created?> RunAsync(TuopinDbFactory factory, UserManager<User> users, Account account, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator("演示数据");
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Name == account.UnitName && u.Kind == account.UnitKind).FirstOrDefaultAsync(ct);
        if (unit is null || await users.FindByNameAsync(account.UserName) is not null) return null;
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = account.UserName,
            DisplayName = account.DisplayName,
            Role = account.Role,
            Department = account.Department,
            CountyId = unit.CountyId,
            UnitId = unit.Id,
            CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
            MustChangePassword = true,
        };
        if (AccountUnitRules.Fit(user.Role, user.Department, user.CountyId, user.TownshipId, user.VillageId, unit) is { } problem)
            throw new InvalidOperationException($"The demo account {account.UserName} does not fit its unit {unit.Name}: {problem.Message.En}");
        return await EnsureAdministrator.CreateAsync(users, user, CreateUser.NewPassword());
    }
}
