using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>
/// 谋划: registers a project in the county's library — its name, category, plan year, villages, the unit responsible (a
/// line department or a township), budget, planned output and whether it is part of the integrated plan (五统一) — at the
/// first step, with its step record. A township office plans its own projects in its own villages; a line department its own.
/// </summary>
public sealed class PlanProject(Database database)
{
    public sealed record Fields(
        string Name, ProjectCategory Category, int Year, IReadOnlyList<Guid> Villages, Guid? ResponsibleTownshipId, Department? ResponsibleDepartment,
        decimal Budget, decimal OutputQuantity, string OutputUnit, bool Integrated = false, string? Code = null, DateOnly? PlannedOn = null);

    public sealed record Request(Fields Project, string? Note = null, string? Reason = null);

    public async Task<ProjectSaved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        ProjectAccess.RequirePlanner(actor);
        var f = request.Project;
        await using var db = database.Open();
        var countyId = await ProjectAccess.CountyIdAsync(db, actor, ct);
        var problems = Check(f);
        problems.AddRange(await CheckPlacesAsync(db, actor, countyId, f, ct));
        if (f.PlannedOn is { } plannedOn && plannedOn > database.Clock.Today())
            problems.Add(new Problem("plannedOn", "project.planned_on", new LocalText($"谋划日期 {plannedOn:yyyy-MM-dd} 晚于今天", $"Planned on {plannedOn:yyyy-MM-dd}, after today")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var code = string.IsNullOrWhiteSpace(f.Code) ? await NextCodeAsync(db, countyId, f.Year, f.Category, ct) : f.Code.Trim();
        if (await db.Projects.AnyAsync(p => p.CountyId == countyId && p.Code == code, ct))
            throw new InvalidRequestException([CodeTaken(code)]);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var project = Create(countyId, code, f, actor.UserName, now);
        db.Projects.Add(project);
        ProjectStepper.Record(db, project, ProjectStep.Planned, f.PlannedOn ?? database.Clock.Today(), null, request.Note, actor.ShownName, now);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText($"项目编号 {code} 刚被他人使用，请重新保存", $"Someone used the code {code} just now; save again"), ex);
        }
        return new ProjectSaved(project.Id, project.Version, project.Step);
    }

    internal static Problem CodeTaken(string code) =>
        new("code", "project.code_taken", new LocalText($"项目编号 {code} 已经使用", $"The project code {code} is already used"));

    internal static Project Create(Guid countyId, string code, Fields f, string user, DateTime now)
    {
        var id = Guid.CreateVersion7();
        return new Project
        {
            Id = id, CountyId = countyId, Code = code, Name = f.Name.Trim(), Category = f.Category, Year = f.Year,
            ResponsibleTownshipId = f.ResponsibleTownshipId, ResponsibleDepartment = f.ResponsibleDepartment,
            Budget = Money.FromYuan(f.Budget), OutputQuantity = f.OutputQuantity, OutputUnit = f.OutputUnit.Trim(), Integrated = f.Integrated,
            Step = ProjectStep.Planned, RecordedBy = user, Version = 1, CreatedAt = now, UpdatedAt = now,
            Villages = f.Villages.Distinct().Select(v => new ProjectVillage { Id = Guid.CreateVersion7(), ProjectId = id, VillageId = v }).ToList(),
        };
    }

    /// <summary>The next free code of the county's year and category, e.g. LF2016-11-003.</summary>
    internal static async Task<string> NextCodeAsync(TuopinDb db, Guid countyId, int year, ProjectCategory category, CancellationToken ct)
    {
        var prefix = $"LF{year}-{ProjectCategories.Codes[category].Code}-";
        var taken = await db.Projects.Where(p => p.CountyId == countyId && p.Code.StartsWith(prefix)).Select(p => p.Code).ToListAsync(ct);
        var n = taken.Count + 1;
        while (taken.Contains($"{prefix}{n:000}")) n++;
        return $"{prefix}{n:000}";
    }

    /// <summary>The rules of the fields themselves, each problem named by its field (also what the import reports per row).</summary>
    public static List<Problem> Check(Fields f)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(f.Name) || f.Name.Trim().Length > Project.MaxNameLength)
            problems.Add(new Problem("name", "project.name", new LocalText($"请填写项目名称（不超过{Project.MaxNameLength}个字）", $"Give the project's name (at most {Project.MaxNameLength} characters)")));
        if (!Enum.IsDefined(f.Category))
            problems.Add(new Problem("category", "project.category", new LocalText("请选择项目类别", "Choose the project's category")));
        if (f.Year is < WorkYear.FirstYear or > 2100)
            problems.Add(new Problem("year", "project.year", new LocalText($"项目年度须在 {WorkYear.FirstYear} 年以后", $"The year must be {WorkYear.FirstYear} or later")));
        if ((f.ResponsibleTownshipId is null) == (f.ResponsibleDepartment is null))
            problems.Add(new Problem("responsible", "project.responsible", new LocalText("实施单位须为一个乡镇或一个县直部门（二选一）", "The responsible unit is one township or one line department")));
        if (f.ResponsibleDepartment is { } d && !Enum.IsDefined(d))
            problems.Add(new Problem("responsible", "project.responsible", new LocalText("没有该县直部门", "No such line department")));
        if (f.Budget <= 0 || f.Budget != decimal.Round(f.Budget, 2) || f.Budget > 10_000_000_000m)
            problems.Add(new Problem("budget", "project.budget", new LocalText($"预算须为大于0、最多两位小数的金额，填写的是 {f.Budget}", $"The budget is more than 0 with at most two decimals: {f.Budget}")));
        if (f.OutputQuantity < 0 || f.OutputQuantity != decimal.Round(f.OutputQuantity, 2) || f.OutputQuantity > 1_000_000_000m)
            problems.Add(new Problem("outputQuantity", "project.output", new LocalText("建设规模须为非负数，最多两位小数", "The output is non-negative with at most two decimals")));
        if (string.IsNullOrWhiteSpace(f.OutputUnit) || f.OutputUnit.Trim().Length > 20)
            problems.Add(new Problem("outputUnit", "project.output_unit", new LocalText("请填写建设规模的单位（如 公里、处、户，不超过20个字）", "Give the output's unit (km, sites, households; at most 20 characters)")));
        if (f.Villages.Count == 0)
            problems.Add(new Problem("villages", "project.villages", new LocalText("请至少选择一个项目所在村", "Choose at least one village")));
        if (f.Code is { } code && code.Trim().Length > 50)
            problems.Add(new Problem("code", "project.code", new LocalText("项目编号不超过50个字", "A project code has at most 50 characters")));
        return problems;
    }

    /// <summary>The villages are the county's, and the unit is one the actor may plan for (its own township and villages, its own department).</summary>
    internal static async Task<List<Problem>> CheckPlacesAsync(TuopinDb db, Actor actor, Guid countyId, Fields f, CancellationToken ct)
    {
        var problems = new List<Problem>();
        var ids = f.Villages.Distinct().ToList();
        var villages = await db.Villages.AsNoTracking().Where(v => ids.Contains(v.Id) && v.CountyId == countyId).Select(v => new { v.Id, v.TownshipId }).ToListAsync(ct);
        if (villages.Count != ids.Count)
            problems.Add(new Problem("villages", "project.villages", new LocalText("所选的村有的不存在或不在本县", "Some of the villages chosen do not exist or are not the county's")));
        if (f.ResponsibleTownshipId is { } t && !await db.Townships.AnyAsync(x => x.Id == t && x.CountyId == countyId, ct))
            problems.Add(new Problem("responsible", "project.responsible", new LocalText("没有该乡镇", "No such township")));
        switch (actor.Role)
        {
            case Role.TownshipOfficer when f.ResponsibleTownshipId != actor.Scope.TownshipId || villages.Any(v => v.TownshipId != actor.Scope.TownshipId):
                problems.Add(new Problem("responsible", "project.not_own", new LocalText("乡镇只能登记本乡镇实施、在本乡镇村的项目", "A township registers only its own projects in its own villages")));
                break;
            case Role.LineDepartment when f.ResponsibleDepartment != actor.Department:
                problems.Add(new Problem("responsible", "project.not_own", new LocalText("县直部门只能登记本部门实施的项目", "A line department registers only its own projects")));
                break;
        }
        return problems;
    }
}
