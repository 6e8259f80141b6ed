using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Exit;

/// <summary>The national poverty lines set, by year.</summary>
public sealed class ListPovertyLines(Database database)
{
    public async Task<IReadOnlyList<GetExitStandards.Line>> HandleAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await LinesAsync(db, ct);
    }

    internal static async Task<List<GetExitStandards.Line>> LinesAsync(TuopinDb db, CancellationToken ct) =>
        (await db.PovertyLines.AsNoTracking().OrderBy(l => l.Year).ToListAsync(ct))
            .Select(l => new GetExitStandards.Line(l.Year, l.Amount.Yuan, l.Source)).ToList();
}
