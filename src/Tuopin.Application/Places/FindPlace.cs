using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Places;

/// <summary>
/// The township (name or 9-digit code) and village (12-digit code or "township/village") a command names,
/// within what the actor may see; refused when one is not found.
/// </summary>
public sealed class FindPlace(Database database)
{
    public sealed record Request(string? Township, string? Village);

    public sealed record Result(Guid? TownshipId, Guid? VillageId);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var (township, village) = (request.Township, request.Village);
        if (township is null && village is null) return new Result(null, null);
        await using var db = database.Open();
        Guid? t = null, v = null;
        if (township is not null)
            t = await db.Townships.Where(x => x.Code == township || x.Name == township).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct)
                ?? throw new InvalidRequestException([new Problem("township", "place.unknown", new LocalText($"没有乡镇“{township}”", $"No township '{township}'"))]);
        if (village is not null)
        {
            var parts = village.Split('/', 2);
            v = await (parts.Length == 2
                    ? db.Villages.Where(x => x.Township!.Name == parts[0] && x.Name == parts[1])
                    : db.Villages.Where(x => x.Code == village)).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct)
                ?? throw new InvalidRequestException([new Problem("village", "place.unknown", new LocalText($"没有村“{village}”", $"No village '{village}'"))]);
        }
        return new Result(t, v);
    }
}
