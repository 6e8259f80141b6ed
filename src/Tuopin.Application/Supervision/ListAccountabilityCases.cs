using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>The accountability cases the reader sees (all for those who write them — inspectors, the county, the discipline group; otherwise those about their own area or unit), by year, the latest first.</summary>
public sealed class ListAccountabilityCases(Database database)
{
    public sealed record Row(Guid Id, int Version, int Year, Guid SubjectUnitId, string SubjectUnit, string? SubjectPerson, string Cause, Guid? FindingId, Guid? ProjectId,
        Guid? DisbursementId, AccountabilityMeasure Measure, DateOnly OpenedOn, DateOnly? DecidedOn, AccountabilityStatus Status, bool CanWrite);

    public async Task<IReadOnlyList<Row>> HandleAsync(int? year = null, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var cases = SupervisionAccess.Cases(db, actor).AsNoTracking();
        if (year is { } y) cases = cases.Where(c => c.Year == y);
        var canWrite = SupervisionAccess.CanWriteCases(actor);
        var rows = await cases.OrderByDescending(c => c.OpenedOn).ThenBy(c => c.Id)
            .Select(c => new
            {
                c,
                Unit = db.OrgUnits.Where(u => u.Id == c.SubjectUnitId).Select(u => u.Name).First(),
                Person = db.UnitPeople.Where(p => p.Id == c.SubjectPersonId).Select(p => p.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.Select(r => new Row(r.c.Id, r.c.Version, r.c.Year, r.c.SubjectUnitId, r.Unit, r.Person, r.c.Cause, r.c.FindingId, r.c.ProjectId, r.c.DisbursementId,
            r.c.Measure, r.c.OpenedOn, r.c.DecidedOn, r.c.Status, canWrite)).ToList();
    }
}
