using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>The exit procedure of a village, township or the county in a year, if it has one the actor may see.</summary>
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

    /// <summary>A county in the actor's area by its name or 6-digit code (the CLI's <c>--area</c> at level county); not found otherwise.</summary>
    public async Task<Guid> CountyAsync(string nameOrCode, CancellationToken ct = default)
    {
        var scope = database.Actor.Scope;
        var key = nameOrCode.Trim();
        await using var db = database.Open();
        var id = await db.Counties.AsNoTracking().Where(c => (c.Name == key || c.Code == key) && (scope.Level == AreaLevel.Everything || c.Id == scope.CountyId))
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        return id ?? throw new NotFoundException(new LocalText($"没有县“{key}”，或不在您的管辖范围内", $"No county '{key}' in your area"));
    }
}
