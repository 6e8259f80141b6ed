using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Registry;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Application.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// The county's cadres with how many households each is responsible for today (across the county: the load limit
/// is the cadre's), optionally those whose name or unit contains a text. The phone is masked for roles that may
/// not see personal data.
/// </summary>
public sealed class ListCadres(Database database)
{
    public sealed record Row(Guid Id, int Version, string Name, string WorkUnit, string? Position, ShownId? Phone, int Households, bool Overloaded);

    public sealed record Result(IReadOnlyList<Row> Cadres, int LoadLimit);

    public async Task<Result> HandleAsync(string? search = null, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var day = database.Clock.Today();
        var cadres = AssistanceAccess.CadresOf(db, actor).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            cadres = cadres.Where(c => c.Name.Contains(s) || c.WorkUnit.Contains(s));
        }
        var rows = await cadres.OrderBy(c => c.WorkUnit).ThenBy(c => c.Name)
            .Select(c => new
            {
                c.Id, c.Version, c.Name, c.WorkUnit, c.Position, c.PhoneCipher,
                Households = db.CadreAssignments.IgnoreQueryFilters().Count(a => a.CadreId == c.Id && a.StartedOn <= day && (a.EndedOn == null || a.EndedOn >= day)),
            })
            .Take(2000)
            .ToListAsync(ct);
        var limit = await AssistanceAccess.CadreLoadLimitAsync(db, ct);
        return new Result(rows.Select(c => new Row(c.Id, c.Version, c.Name, c.WorkUnit, c.Position,
            c.PhoneCipher is null ? null : RegistryMapping.Show(actor, database.Protector, c.PhoneCipher, Masking.Phone), c.Households, c.Households > limit)).ToList(), limit);
    }
}
