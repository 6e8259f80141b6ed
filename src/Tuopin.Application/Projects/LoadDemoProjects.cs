using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Projects;

/// <summary>
/// The demo's project library, clearly illustrative: twelve projects in each of the ten zones (120), 2015–2017, across
/// every category, each in one village of its zone (a road or water project sometimes in two), the responsibility of the
/// category's line department or of the village's township. 2015's are closed (销号); 2016's accepted, reimbursed or closed,
/// one accepted as unqualified (不合格) and stuck there; 2017's planned, applied or implementing, with the few cases left on
/// purpose for the checks: one approved in February 2017 and never started (<see cref="NotStartedCode"/>), two whose notice
/// an objection holds, two flagged by the inspectors. Household projects (industry, relocation, housing, finance, training)
/// benefit a few registered households of their village. Seeded (<c>DemoSeed.Of(seed, "projects")</c>) and deterministic;
/// bulk-written in one transaction.
/// </summary>
public static class LoadDemoProjects
{
    public sealed record Result(int Projects, int Steps, int Beneficiaries);

    private const string Operator = "演示数据", County = "县扶贫开发领导小组办公室";

    /// <summary>The project approved and never started, left for the "approved but not started" alert.</summary>
    public const string NotStartedCode = "LF2017-11-001";

    private static readonly ProjectCategory[] Categories = Enum.GetValues<ProjectCategory>();

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = LoadDemo.DefaultSeed, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator(Operator);
        if (await db.Projects.AnyAsync(ct))
            throw new ConflictException(new LocalText("该数据库已有项目库数据，不再载入演示数据", "This database already holds projects; the demo's are not loaded"));
        var countyId = await db.Counties.Select(c => c.Id).SingleAsync(ct);
        var zones = await db.Zones.AsNoTracking().OrderBy(z => z.Order).ThenBy(z => z.Name).Select(z => z.Id).ToListAsync(ct);
        var villages = await (from v in db.Villages.AsNoTracking()
                              join t in db.Townships on v.TownshipId equals t.Id
                              orderby v.Code
                              select new { v.Id, v.Name, v.ZoneId, v.TownshipId, Township = t.Name }).ToListAsync(ct);
        var households = (await db.Households.AsNoTracking().Where(h => h.Status != HouseholdStatus.Removed && h.ClosedOn == null)
            .Select(h => new { h.Id, h.Number, h.VillageId }).ToListAsync(ct))
            .GroupBy(h => h.VillageId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Number, StringComparer.Ordinal).Select(h => h.Id).ToList());
        var random = new Random(DemoSeed.Of(seed, "projects"));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var projects = new List<Project>();
        var projectVillages = new List<ProjectVillage>();
        var beneficiaries = new List<ProjectBeneficiary>();
        var steps = new List<ProjectStepRecord>();
        var counters = new Dictionary<string, int>();
        var end = new DateOnly(2017, 12, 31);

        for (var z = 0; z < zones.Count; z++)
        {
            var inZone = villages.Where(v => v.ZoneId == zones[z]).ToList();
            if (inZone.Count == 0) continue;
            for (var k = 0; k < 12; k++)
            {
                var category = Categories[(z + k) % Categories.Length];
                var year = 2015 + k % 3;
                var village = inZone[random.Next(inZone.Count)];
                var second = category is ProjectCategory.Road or ProjectCategory.Water && inZone.Count > 1 && random.NextDouble() < 0.3
                    ? inZone.Where(v => v.Id != village.Id).ElementAt(random.Next(inZone.Count - 1)) : null;
                var byTownship = category is ProjectCategory.Road or ProjectCategory.Water or ProjectCategory.Industry or ProjectCategory.PublicServices && random.NextDouble() < 0.5;
                var department = byTownship ? (Department?)null : DepartmentOf(category, random);
                var prefix = $"LF{year}-{ProjectCategories.Codes[category].Code}-";
                var n = counters[prefix] = counters.GetValueOrDefault(prefix) + 1;
                var (unit, min, max, quantity) = Scale(category, random);
                var budget = Money.FromYuan(random.Next(min, max + 1) * 1_000m);
                var id = Guid.CreateVersion7();
                var p = new Project
                {
                    Id = id, CountyId = countyId, Code = $"{prefix}{n:000}", Name = NameOf(category, village.Name, second?.Name), Category = category, Year = year,
                    ResponsibleTownshipId = byTownship ? village.TownshipId : null, ResponsibleDepartment = department, Budget = budget,
                    OutputQuantity = quantity, OutputUnit = unit, Integrated = category <= ProjectCategory.Telecom && random.NextDouble() < 0.4,
                    RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
                };
                var by = department is { } d ? Departments.Name(d).Zh : village.Township + "人民政府";
                projects.Add(p);
                projectVillages.Add(new ProjectVillage { Id = Guid.CreateVersion7(), ProjectId = id, VillageId = village.Id });
                if (second is not null) projectVillages.Add(new ProjectVillage { Id = Guid.CreateVersion7(), ProjectId = id, VillageId = second.Id });

                // How far it went: by year, and the cases left on purpose.
                var target = year switch
                {
                    2015 => random.NextDouble() < 0.9 ? ProjectStep.Closed : ProjectStep.Reimbursed,
                    2016 => new[] { ProjectStep.Accepted, ProjectStep.Reimbursed, ProjectStep.Closed, ProjectStep.Closed, ProjectStep.Implementing }[random.Next(5)],
                    _ => new[] { ProjectStep.Planned, ProjectStep.Applied, ProjectStep.Implementing, ProjectStep.Implementing, ProjectStep.Accepted }[random.Next(5)],
                };
                if (p.Code == NotStartedCode) target = ProjectStep.Approved;
                var held = year == 2017 && (z, k) is (1, 5) or (2, 8);
                if (held) target = ProjectStep.Notice;
                var failed = year == 2016 && (z, k) == (5, 4);
                if (failed) target = ProjectStep.Accepted;
                var day = new DateOnly(year, 1, 5).AddDays(random.Next(40));
                if (p.Code == NotStartedCode) day = new DateOnly(2017, 1, 6);
                void Take(ProjectStep step, int after, string? document = null, string? note = null, string? who = null)
                {
                    day = day.AddDays(after);
                    if (day > end) day = end;
                    ProjectRules.Apply(p, step, new ProjectStepInput(day, document, 7 + random.Next(4), $"来凤县{ContractorOf(category)}", Money.FromYuan(decimal.Round(budget.Yuan * (0.85m + 0.01m * random.Next(14)), 0)),
                        by, failed ? "不合格，路面厚度不足，需整改" : "合格"), 7 + random.Next(4));
                    steps.Add(new ProjectStepRecord
                    {
                        Id = Guid.CreateVersion7(), ProjectId = id, Step = step, On = day, DocumentNumber = document, Note = note ?? Note(p, step), By = who ?? by, RecordedAt = now,
                    });
                }
                Take(ProjectStep.Planned, 0, note: "村民代表大会讨论提出");
                if (target >= ProjectStep.Applied) Take(ProjectStep.Applied, 10 + random.Next(20), $"{(byTownship ? village.Township[..2] + "政" : "来" + by[..1])}文〔{year}〕{random.Next(2, 60)}号");
                if (target >= ProjectStep.Approved) Take(ProjectStep.Approved, 15 + random.Next(20), $"来扶贫发〔{year}〕{n + 2 * (int)category}号", who: County);
                if (target >= ProjectStep.Notice) Take(ProjectStep.Notice, 3 + random.Next(8));
                if (target >= ProjectStep.Tendered) Take(ProjectStep.Tendered, p.NoticeEndsOn!.Value.DayNumber - day.DayNumber + 3 + random.Next(8), $"LFZB-{year}-{projects.Count:000}");
                if (target >= ProjectStep.Implementing) Take(ProjectStep.Implementing, 10 + random.Next(15));
                if (target == ProjectStep.Implementing)
                {
                    p.ProgressPercent = 20 + 10 * random.Next(8);
                    steps.Add(new ProjectStepRecord { Id = Guid.CreateVersion7(), ProjectId = id, Step = ProjectStep.Implementing, On = day.AddDays(60) > end ? end : day.AddDays(60), Note = $"形象进度 {p.ProgressPercent}%", By = by, RecordedAt = now });
                }
                if (target >= ProjectStep.Accepted) Take(ProjectStep.Accepted, 120 + random.Next(90), $"来验字〔{year}〕{projects.Count}号");
                if (target >= ProjectStep.Reimbursed) Take(ProjectStep.Reimbursed, 10 + random.Next(20), $"报账凭证{year}-{projects.Count:000}");
                if (target >= ProjectStep.Closed) Take(ProjectStep.Closed, 10 + random.Next(20), who: County);
                if (held) p.HeldByObjection = true;
                if ((z, k) is (3, 0) or (4, 3))
                {
                    p.Flagged = true;
                    p.FlagReason = (z, k) == (3, 0) ? "审计抽查：合同金额与决算不符，待核实" : "群众反映工程质量问题，纪委督办";
                    steps.Add(new ProjectStepRecord { Id = Guid.CreateVersion7(), ProjectId = id, Step = p.Step, On = day, Note = $"审计/问责标记：{p.FlagReason}", By = "县纪委监委督查组", RecordedAt = now });
                }

                if (category is ProjectCategory.Industry or ProjectCategory.Relocation or ProjectCategory.DangerousHouse or ProjectCategory.Housing or ProjectCategory.Finance or ProjectCategory.CapacityBuilding
                    && households.TryGetValue(village.Id, out var own))
                {
                    var count = Math.Min(own.Count, 3 + random.Next(8));
                    var start = own.Count > count ? random.Next(own.Count - count) : 0;
                    foreach (var h in own.Skip(start).Take(count))
                        beneficiaries.Add(new ProjectBeneficiary { Id = Guid.CreateVersion7(), ProjectId = id, HouseholdId = h });
                }
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, projects, ct);
        await BulkWriter.InsertAsync(db, projectVillages, ct);
        await BulkWriter.InsertAsync(db, beneficiaries, ct);
        await BulkWriter.InsertAsync(db, steps, ct);
        var batch = Guid.CreateVersion7();
        db.AuditEntries.Add(new AuditEntry
        {
            Id = batch, At = now, UserName = Operator, Action = AuditAction.Bulk, EntityType = nameof(Project), EntityId = batch, CorrelationId = batch,
            Changes = JsonSerializer.Serialize(new { source = "Laifeng demo projects (illustrative)", seed, projects = projects.Count, steps = steps.Count, beneficiaries = beneficiaries.Count }),
            Reason = "载入来凤县演示项目库（示意）",
            CountyId = countyId,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(projects.Count, steps.Count, beneficiaries.Count);
    }

    private static Department DepartmentOf(ProjectCategory c, Random random) => c switch
    {
        ProjectCategory.Road => Department.Transport,
        ProjectCategory.Water => Department.Water,
        ProjectCategory.Power => Department.Power,
        ProjectCategory.Housing or ProjectCategory.DangerousHouse => Department.Housing,
        ProjectCategory.Telecom => Department.Telecom,
        ProjectCategory.Industry => Department.Agriculture,
        ProjectCategory.Relocation => Department.Development,
        ProjectCategory.PublicServices => random.NextDouble() < 0.5 ? Department.Education : Department.Health,
        ProjectCategory.CapacityBuilding => Department.HumanResources,
        _ => Department.Finance,
    };

    private static (string Unit, int MinThousands, int MaxThousands, decimal Quantity) Scale(ProjectCategory c, Random r) => c switch
    {
        ProjectCategory.Road => ("公里", 400, 2_000, 1.5m + 0.1m * r.Next(40)),
        ProjectCategory.Water => ("处", 100, 600, 1 + r.Next(4)),
        ProjectCategory.Power => ("台区", 150, 800, 1 + r.Next(3)),
        ProjectCategory.Housing => ("户", 200, 900, 10 + r.Next(30)),
        ProjectCategory.Telecom => ("个基站", 200, 500, 1 + r.Next(2)),
        ProjectCategory.Industry => ("亩", 100, 500, 50 + 10 * r.Next(30)),
        ProjectCategory.Relocation => ("户", 500, 3_000, 10 + r.Next(40)),
        ProjectCategory.DangerousHouse => ("户", 100, 600, 5 + r.Next(30)),
        ProjectCategory.PublicServices => ("所", 300, 1_500, 1),
        ProjectCategory.CapacityBuilding => ("人次", 50, 200, 50 + 10 * r.Next(20)),
        _ => ("户", 100, 500, 20 + r.Next(50)),
    };

    private static string NameOf(ProjectCategory c, string village, string? second)
    {
        var place = second is null ? village : $"{village}、{second}";
        return c switch
        {
            ProjectCategory.Road => $"{place}通组公路硬化工程",
            ProjectCategory.Water => $"{place}安全饮水巩固提升工程",
            ProjectCategory.Power => $"{place}农网改造升级工程",
            ProjectCategory.Housing => $"{place}小康房建设",
            ProjectCategory.Telecom => $"{place}4G基站和宽带建设",
            ProjectCategory.Industry => $"{place}藤茶产业基地建设",
            ProjectCategory.Relocation => $"{place}易地扶贫搬迁集中安置",
            ProjectCategory.DangerousHouse => $"{place}农村危房改造",
            ProjectCategory.PublicServices => $"{place}村卫生室和文化室建设",
            ProjectCategory.CapacityBuilding => $"{place}雨露计划和实用技术培训",
            _ => $"{place}扶贫小额信贷贴息",
        };
    }

    private static string ContractorOf(ProjectCategory c) => c switch
    {
        ProjectCategory.Road => "路桥建设有限公司",
        ProjectCategory.Water => "水利水电工程有限公司",
        ProjectCategory.Power => "供电工程有限公司",
        ProjectCategory.Telecom => "通信工程有限公司",
        ProjectCategory.Industry => "农业开发有限公司",
        ProjectCategory.CapacityBuilding => "职业技能培训学校",
        _ => "建筑工程有限公司",
    };

    private static string? Note(Project p, ProjectStep step) => step switch
    {
        ProjectStep.Notice => $"公示期 {p.NoticeStartsOn:yyyy-MM-dd} 至 {p.NoticeEndsOn:yyyy-MM-dd}",
        ProjectStep.Tendered => $"{p.Contractor}，合同金额 {p.ContractAmount} 元",
        ProjectStep.Accepted => $"{p.AcceptedBy}：{p.AcceptanceResult}",
        _ => null,
    };
}
