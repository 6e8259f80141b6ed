using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>The county's exit standards (defaults until saved) and every poverty line set.</summary>
public sealed class GetExitStandards(Database database)
{
    public sealed record Line(int Year, decimal Amount, string Source);

    public sealed record Result(Guid CountyId, string County, bool IsWestern, bool Saved, ExitStandards Standards, IReadOnlyList<Line> PovertyLines);

    public async Task<Result> HandleAsync(Guid? countyId = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var county = await ExitStandardsStore.CountyAsync(db, countyId, ct);
        var standards = await ExitStandardsStore.ForCountyAsync(db, county.Id, county.IsWestern, ct);
        var saved = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.ExitStandards, s => s.CountyId == county.Id, ct);
        var lines = await ListPovertyLines.LinesAsync(db, ct);
        return new Result(county.Id, county.Name, county.IsWestern, saved, standards, lines);
    }
}
