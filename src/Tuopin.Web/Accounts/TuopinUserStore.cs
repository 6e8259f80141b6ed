using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;

namespace Tuopin.Web.Accounts;

/// <summary>
/// Identity's store over a context of its own: accounts are not area-bound records, and no
/// general-purpose context is put into the container for pages to misuse.
/// </summary>
public sealed class TuopinUserStore(TuopinDbFactory factory, IdentityErrorDescriber describer)
    : UserOnlyStore<User, TuopinDb, Guid>(factory.CreateForOperator("accounts"), describer), IDisposable
{
    void IDisposable.Dispose()
    {
        Dispose();
        Context.Dispose();
    }
}

/// <summary>
/// Puts the official's role and area into their sign-in, cookie or bearer token alike; and the unit they work for, with
/// whether it is in the discipline group as the organisation says at sign-in (a changed unit ends the account's sessions).
/// </summary>
public sealed class TuopinClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options, TuopinDbFactory factory)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TuopinClaims.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(TuopinClaims.County, user.CountyId.ToString()));
        if (user.TownshipId is { } t) identity.AddClaim(new Claim(TuopinClaims.Township, t.ToString()));
        if (user.VillageId is { } v) identity.AddClaim(new Claim(TuopinClaims.Village, v.ToString()));
        if (user.RegionId is { } r) identity.AddClaim(new Claim(TuopinClaims.Region, r.ToString()));
        if (user.ReadsCountyRecords && Domain.Accounts.Permissions.CanBeGrantedCountyRecords(user.Role)) identity.AddClaim(new Claim(TuopinClaims.CountyRecords, "true"));
        identity.AddClaim(new Claim(TuopinClaims.DisplayName, user.DisplayName));
        if (user.Role == Domain.Accounts.Role.LineDepartment && user.Department is { } department)
            identity.AddClaim(new Claim(TuopinClaims.Department, department.ToString()));
        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(TuopinClaims.Unit, unit.ToString()));
            if ((await AccountUnits.ActorAsync(factory, user)).DisciplineGroup) identity.AddClaim(new Claim(TuopinClaims.DisciplineGroup, "true"));
        }
        if (user.MustChangePassword) identity.AddClaim(new Claim(TuopinClaims.MustChangePassword, "true"));
        return identity;
    }
}
