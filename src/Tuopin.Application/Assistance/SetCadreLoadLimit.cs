using System.Globalization;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// The county sets how many households one cadre may be responsible for (结对户数上限); the coverage counts the
/// cadres above it. Only the county administrator changes it (audited as a setting).
/// </summary>
public sealed class SetCadreLoadLimit(Database database)
{
    public async Task<int> HandleAsync(int limit, string? reason = null, CancellationToken ct = default)
    {
        if (database.Actor.Role != Role.CountyAdmin)
            throw new ForbiddenException(new LocalText("只有县级管理员可以修改结对户数上限", "Only a county administrator may change the cadre load limit"));
        if (limit is < 1 or > 100)
            throw new InvalidRequestException([new Problem("limit", "assistance.load_limit", new LocalText($"结对户数上限须在1至100之间，填写的是 {limit}", $"The limit must be between 1 and 100: {limit}"))]);
        await using var db = database.Open();
        var value = limit.ToString(CultureInfo.InvariantCulture);
        await StoredSettings.PutAsync(db, AssistanceAccess.CadreLoadLimitKey, value, ct);
        db.ChangeReason = reason;
        await db.SaveChangesAsync(ct);
        return limit;
    }
}
