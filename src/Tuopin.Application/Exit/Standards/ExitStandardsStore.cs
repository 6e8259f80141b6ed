using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>Reads a county's exit standards and the poverty lines; the defaults apply until the county saves its own.</summary>
public static class ExitStandardsStore
{
    /// <summary>The counties the actor works in: its own, or every county for the operator.</summary>
    public static async Task<List<(Guid Id, string Name, bool IsWestern)>> CountiesAsync(TuopinDb db, CancellationToken ct)
    {
        var query = db.Counties.AsNoTracking();
        if (db.Actor.Scope.Level != AreaLevel.Everything) query = query.Where(c => c.Id == db.Actor.Scope.CountyId);
        return (await query.OrderBy(c => c.Code).Select(c => new { c.Id, c.Name, c.IsWestern }).ToListAsync(ct))
            .Select(c => (c.Id, c.Name, c.IsWestern)).ToList();
    }

    /// <summary>The one county the request is about: the actor's, or the only one in the database.</summary>
    public static async Task<(Guid Id, string Name, bool IsWestern)> CountyAsync(TuopinDb db, Guid? countyId, CancellationToken ct)
    {
        var counties = await CountiesAsync(db, ct);
        if (countyId is { } id)
            return counties.FirstOrDefault(c => c.Id == id) is { Id: var found } match && found != Guid.Empty ? match
                : throw new NotFoundException(new LocalText("没有这个县", "No such county"));
        return counties.Count switch
        {
            1 => counties[0],
            0 => throw new NotFoundException(new LocalText("还没有县的区划数据", "No county has been loaded")),
            _ => throw new InvalidRequestException([new Problem("countyId", "exit.county_required", new LocalText("数据库中有多个县，请指定县", "The database holds several counties: name one"))]),
        };
    }

    public static async Task<ExitStandards> ForCountyAsync(TuopinDb db, Guid countyId, bool western, CancellationToken ct) =>
        await db.ExitStandards.AsNoTracking().FirstOrDefaultAsync(s => s.CountyId == countyId, ct)
        ?? ExitStandards.DefaultFor(countyId, western);

    /// <summary>The poverty line of the year, or a refusal naming the year: a line is never guessed.</summary>
    public static async Task<Money> PovertyLineAsync(TuopinDb db, int year, CancellationToken ct)
    {
        var line = await db.PovertyLines.AsNoTracking().Where(l => l.Year == year).Select(l => (Money?)l.Amount).FirstOrDefaultAsync(ct);
        return line ?? throw new InvalidRequestException([new Problem("year", "exit.poverty_line_not_set", new LocalText(
            $"{year} 年的国家扶贫标准尚未设置，不能评估；请县级管理员先在“退出标准”中设置该年标准",
            $"The poverty line for {year} is not set, so {year} cannot be assessed; a county administrator must set it first (Exit standards)"))]);
    }
}
