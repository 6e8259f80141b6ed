using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>The exit procedure of a village or township in a year, if it has one the actor may see.</summary>
public sealed class FindAreaExitProcedure(Database database)
{
    public sealed record Request(AreaExitLevel Level, Guid AreaId, int Year);

    public async Task<Guid?> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.AreaExitProcedures
            .Where(p => p.Level == request.Level && p.AreaId == request.AreaId && p.Year == request.Year)
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
    }
}
