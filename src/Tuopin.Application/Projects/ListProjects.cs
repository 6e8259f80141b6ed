using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>
/// The projects the user reads (<see cref="ProjectAccess.Visible"/>), filtered by year, step, category, township (projects
/// it is responsible for or with a village in it) and department, newest year first, a page at a time: one query for the
/// rows (with their unit, first village and counts), one for the total.
/// </summary>
public sealed class ListProjects(Database database)
{
    public sealed record Request(
        int? Year = null, ProjectStep? Step = null, ProjectCategory? Category = null, Guid? TownshipId = null, Department? Department = null,
        string? Search = null, bool? Flagged = null, int Page = 1, int PageSize = 50);

    public sealed record Row(
        Guid Id, int Version, string Code, string Name, ProjectCategory Category, int Year, ProjectStep Step, string Responsible,
        decimal Budget, string? FirstVillage, int Villages, int Beneficiaries, bool Integrated, bool HeldByObjection, bool Flagged,
        DateOnly? ApprovedOn, DateOnly? StartedOn, int ProgressPercent);

    public async Task<Page<Row>> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = ProjectAccess.Visible(db, database.Actor).AsNoTracking();
        if (request.Year is { } y) query = query.Where(p => p.Year == y);
        if (request.Step is { } s) query = query.Where(p => p.Step == s);
        if (request.Category is { } c) query = query.Where(p => p.Category == c);
        if (request.Department is { } d) query = query.Where(p => p.ResponsibleDepartment == d);
        if (request.Flagged is { } f) query = query.Where(p => p.Flagged == f);
        if (request.TownshipId is { } t)
            query = query.Where(p => p.ResponsibleTownshipId == t || db.ProjectVillages.Any(pv => pv.ProjectId == p.Id && db.Villages.Any(v => v.Id == pv.VillageId && v.TownshipId == t)));
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var text = request.Search.Trim();
            query = query.Where(p => p.Name.Contains(text) || p.Code.Contains(text));
        }
        var size = Math.Clamp(request.PageSize, 1, 500);
        var page = Math.Max(1, request.Page);
        var total = await query.CountAsync(ct);
        var rows = await (
            from p in query.OrderByDescending(p => p.Year).ThenBy(p => p.Code).Skip((page - 1) * size).Take(size)
            select new
            {
                p.Id, p.Version, p.Code, p.Name, p.Category, p.Year, p.Step, p.ResponsibleDepartment,
                Township = db.Townships.Where(x => x.Id == p.ResponsibleTownshipId).Select(x => x.Name).FirstOrDefault(),
                p.Budget,
                FirstVillage = db.ProjectVillages.Where(pv => pv.ProjectId == p.Id).Join(db.Villages, pv => pv.VillageId, v => v.Id, (pv, v) => v.Name).OrderBy(n => n).FirstOrDefault(),
                Villages = db.ProjectVillages.Count(pv => pv.ProjectId == p.Id),
                Beneficiaries = db.ProjectBeneficiaries.Count(b => b.ProjectId == p.Id),
                p.Integrated, p.HeldByObjection, p.Flagged, p.ApprovedOn, p.StartedOn, p.ProgressPercent,
            }).ToListAsync(ct);
        return new Page<Row>(rows.Select(r => new Row(r.Id, r.Version, r.Code, r.Name, r.Category, r.Year, r.Step,
            r.ResponsibleDepartment is { } dep ? Departments.Name(dep).Zh : r.Township ?? string.Empty, r.Budget.Yuan, r.FirstVillage, r.Villages, r.Beneficiaries,
            r.Integrated, r.HeldByObjection, r.Flagged, r.ApprovedOn, r.StartedOn, r.ProgressPercent)).ToList(), total, page, size);
    }
}
