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
/// be changed at the first sign-in.
/// </summary>
public static class CreateDemoAccounts
{
    public const string DisciplineUserName = "jiwei";

    public const string DisciplineUnit = "县纪委";

    public static async Task<EnsureAdministrator.Created?> RunAsync(TuopinDbFactory factory, UserManager<User> users, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator("演示数据");
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Name == DisciplineUnit && u.Kind == UnitKind.Department).FirstOrDefaultAsync(ct);
        if (unit is null || await users.FindByNameAsync(DisciplineUserName) is not null) return null;
        var password = CreateUser.NewPassword();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = DisciplineUserName,
            DisplayName = "县纪委执纪问责员",
            Role = Role.LineDepartment,
            CountyId = unit.CountyId,
            UnitId = unit.Id,
            CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
            MustChangePassword = true,
        };
        return await EnsureAdministrator.CreateAsync(users, user, password);
    }
}
