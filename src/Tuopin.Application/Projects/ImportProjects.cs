using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Credit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>
/// Imports the year's project library (.xlsx, .xls or .csv in UTF-8 or GB18030), one row a project at its first step (谋划),
/// its villages by name (乡镇/村 where a name is not unique) or statistical code, its unit a township or a department by name.
/// All or nothing: every fault of every row is named by its row and column, each row checked by the form's rules
/// (<see cref="PlanProject.Check"/>) and the actor's (a township its own, a department its own). A code already in the
/// library with the same name counts as unchanged, so a list can be imported again.
/// </summary>
public sealed class ImportProjects(Database database)
{
    public const int MaxRows = 5_000;

    public sealed record Request(Stream Content, string FileName, string? Reason = null);

    public sealed record Result(int Rows, int Created, int Unchanged, IReadOnlyList<SkippedRow> Skipped);

    public static readonly SheetColumn Code = new("项目编号", "code", false, "编号");
    public static readonly SheetColumn Name = new("项目名称", "name", true, "名称");
    public static readonly SheetColumn Category = new("项目类别", "category", true, "类别");
    public static readonly SheetColumn Year = new("年度", "year", true, "项目年度");
    public static readonly SheetColumn Villages = new("所在村", "villages", true, "项目所在村", "村");
    public static readonly SheetColumn Responsible = new("实施单位", "responsible", true, "责任单位");
    public static readonly SheetColumn Budget = new("预算（元）", "budget", true, "预算", "项目预算", "预算(元)");
    public static readonly SheetColumn Quantity = new("建设规模", "output_quantity", true, "规模", "数量");
    public static readonly SheetColumn Unit = new("单位", "output_unit", true, "规模单位");
    public static readonly SheetColumn Integrated = new("五统一", "integrated", false);

    public static readonly IReadOnlyList<SheetColumn> Columns = [Code, Name, Category, Year, Villages, Responsible, Budget, Quantity, Unit, Integrated];

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        ProjectAccess.RequirePlanner(actor);
        var sheet = SheetImport.Read(request.Content, request.FileName, Columns, MaxRows);
        await using var db = database.Open();
        var countyId = await ProjectAccess.CountyIdAsync(db, actor, ct);
        var places = await (from v in db.Villages.AsNoTracking()
                            join t in db.Townships on v.TownshipId equals t.Id
                            where v.CountyId == countyId
                            select new { v.Id, v.Code, v.Name, v.TownshipId, Township = t.Name }).ToListAsync(ct);
        var townships = places.GroupBy(p => p.Township).ToDictionary(g => g.Key, g => g.First().TownshipId);
        var stored = await db.Projects.AsNoTracking().Where(p => p.CountyId == countyId).Select(p => new { p.Code, p.Name }).ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var problems = new List<Problem>();
        var projects = new List<Project>();
        var seen = new Dictionary<string, int>();
        var unchanged = 0;
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var today = database.Clock.Today();
        var counters = new Dictionary<string, int>();
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            var name = sheet.Required(row, Name, problems);
            var categoryText = sheet.Required(row, Category, problems);
            ProjectCategory? category = null;
            if (categoryText is not null)
            {
                if (ProjectCategories.Codes.TryFind(categoryText, out var item)) category = item.Value;
                else if (ProjectCategories.Codes.Items.FirstOrDefault(i => i.Zh == categoryText || string.Equals(i.En, categoryText, StringComparison.OrdinalIgnoreCase)) is { } byName) category = byName.Value;
                else problems.Add(sheet.At(row.Line, Category.Heading, "project.category", new LocalText($"没有项目类别“{categoryText}”", $"no project category \"{categoryText}\"")));
            }
            var year = ImportCells.Int(sheet, row, Year, problems, required: true);
            var budget = ImportCells.Decimal(sheet, row, Budget, problems, required: true);
            var quantity = ImportCells.Decimal(sheet, row, Quantity, problems, required: true);
            var unit = sheet.Required(row, Unit, problems);
            var villageIds = new List<Guid>();
            foreach (var text in (sheet.Required(row, Villages, problems) ?? "").Split(['、', ';', '；', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = text.Split('/', 2, StringSplitOptions.TrimEntries);
                var matches = places.Where(p => p.Code == text || (parts.Length == 2 ? p.Township == parts[0] && p.Name == parts[1] : p.Name == text)).ToList();
                if (matches.Count == 1) villageIds.Add(matches[0].Id);
                else problems.Add(sheet.At(row.Line, Villages.Heading, "project.village", matches.Count == 0
                    ? new LocalText($"本县没有村“{text}”", $"the county has no village \"{text}\"")
                    : new LocalText($"有多个村名为“{text}”，请写成“乡镇/村”或村统计代码", $"several villages are named \"{text}\": write township/village or the code")));
            }
            Guid? township = null;
            Department? department = null;
            if (sheet.Required(row, Responsible, problems) is { } unit0)
            {
                if (townships.TryGetValue(unit0, out var t)) township = t;
                else if (Departments.FromCode(unit0) is { } d) department = d;
                else problems.Add(sheet.At(row.Line, Responsible.Heading, "project.responsible", new LocalText($"“{unit0}”不是本县乡镇或县直部门", $"\"{unit0}\" is neither a township nor a line department")));
            }
            if (problems.Count > before) continue;
            var code = row[Code];
            var fields = new PlanProject.Fields(name!, category!.Value, year!.Value, villageIds, township, department, budget!.Value, quantity!.Value, unit!,
                row[Integrated] is "是" or "Y" or "y" or "1" or "yes" or "true", code, today);
            foreach (var p in PlanProject.Check(fields))
                problems.Add(sheet.At(row.Line, ColumnOf(p.Field).Heading, p.Code, p.Message));
            var own = actor.Role switch
            {
                Role.TownshipOfficer => township == actor.Scope.TownshipId && villageIds.All(v => places.First(p => p.Id == v).TownshipId == actor.Scope.TownshipId),
                Role.LineDepartment => department == actor.Department,
                _ => true,
            };
            if (!own)
                problems.Add(sheet.At(row.Line, Responsible.Heading, "project.not_own", new LocalText("只能导入本单位实施（乡镇：在本乡镇村）的项目", "only your own unit's projects (a township's: in its villages)")));
            if (problems.Count > before) continue;
            if (string.IsNullOrWhiteSpace(code))
            {
                var prefix = $"LF{fields.Year}-{ProjectCategories.Codes[fields.Category].Code}-";
                var n = counters.GetValueOrDefault(prefix, stored.Keys.Count(k => k.StartsWith(prefix, StringComparison.Ordinal)));
                do n++; while (stored.ContainsKey($"{prefix}{n:000}") || seen.ContainsKey($"{prefix}{n:000}"));
                counters[prefix] = n;
                code = $"{prefix}{n:000}";
            }
            code = code.Trim();
            if (seen.TryGetValue(code, out var first))
            {
                problems.Add(sheet.At(row.Line, Code.Heading, "project.duplicate_row", new LocalText($"与{sheet.Where(first).Zh}是同一项目编号", $"the same code as {sheet.Where(first).En}")));
                continue;
            }
            seen[code] = row.Line;
            if (stored.TryGetValue(code, out var storedName))
            {
                if (storedName == fields.Name.Trim()) unchanged++;
                else problems.Add(sheet.At(row.Line, Code.Heading, "project.code_taken", PlanProject.CodeTaken(code).Message));
                continue;
            }
            var project = PlanProject.Create(countyId, code, fields, actor.UserName, now);
            projects.Add(project);
            ProjectStepper.Record(db, project, ProjectStep.Planned, today, null, "导入项目库", actor.ShownName, now);
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.Projects.AddRange(projects);
        db.ChangeReason = request.Reason ?? $"导入项目库 {Path.GetFileName(request.FileName)}";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("清单中的项目编号刚被他人使用，请重新导入", "A code of the list was used by someone else just now; import again"), ex);
        }
        return new Result(sheet.Rows.Count, projects.Count, unchanged, [.. sheet.Skipped]);
    }

    private static SheetColumn ColumnOf(string field) => field switch
    {
        "name" => Name, "category" => Category, "year" => Year, "villages" => Villages, "responsible" => Responsible, "budget" => Budget,
        "outputQuantity" => Quantity, "outputUnit" => Unit, "code" => Code, _ => Name,
    };
}
