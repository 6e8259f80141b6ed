using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Domain.Accounts;

namespace Tuopin.Application.Storage;

/// <summary>
/// Builds the filtered models of the county, township and village scopes (<see cref="ScopedModelCacheKeyFactory"/>) and runs
/// one query through each, so that the first request of each kind of user after a start does not wait for EF Core to build
/// its model and compile its query pipeline (about 0.4 s of CPU for a model, more for the first). <c>tuopin serve</c> runs it
/// in the background once the database is prepared. The queries read nothing: every scope is of an empty area.
/// </summary>
public static class ModelWarmUp
{
    public static async Task RunAsync(TuopinDbFactory factory, CancellationToken ct = default)
    {
        (Role, AreaScope)[] scopes =
        [
            (Role.CountyAdmin, AreaScope.County(Guid.Empty)),
            (Role.TownshipOfficer, AreaScope.Township(Guid.Empty, Guid.Empty)),
            (Role.VillageOfficer, AreaScope.Village(Guid.Empty, Guid.Empty, Guid.Empty)),
        ];
        foreach (var (role, scope) in scopes)
        {
            await using var db = factory.Create(new Actor(null, "warm-up", role, scope));
            await db.Households.AsNoTracking().AnyAsync(ct);
        }
    }
}
