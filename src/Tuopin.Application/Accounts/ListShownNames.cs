using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;

namespace Tuopin.Application.Accounts;

/// <summary>
/// People's names for the logins that records keep (recorded by, reviewed by, uploaded by, the actor of a
/// procedure step): a page shows 覃明华, not sanhu_qin. The accounts of the user's county, in one query;
/// a login with no account (the operator at a shell, the demo) stays as it is.
/// </summary>
public sealed class ListShownNames(Database database)
{
    public async Task<IReadOnlyDictionary<string, string>> HandleAsync(CancellationToken ct = default)
    {
        var scope = database.Actor.Scope;
        if (scope == AreaScope.Nothing) return new Dictionary<string, string>();
        await using var db = database.Open();
        var users = db.Users.AsNoTracking().Where(u => u.UserName != null);
        if (scope.Level != AreaLevel.Everything) users = users.Where(u => u.CountyId == scope.CountyId);
        var rows = await users.Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return rows.Where(r => !string.IsNullOrWhiteSpace(r.DisplayName)).ToDictionary(r => r.UserName!, r => r.DisplayName, StringComparer.Ordinal);
    }
}
