using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// The demo's supervision, after the organisation, projects and funds: illustrative inspections of 2016 and 2017 (a 督查 of
/// a township, an 暗访 of a village, a 专项检查 of the funds), their findings — pointing at households, villages, a project
/// and a payment, each in the inspection's area — with rectifications at every status, and two accountability cases. The
/// places, households, project and payment are picked in code order with <c>DemoSeed.Of(seed, "supervision")</c>, so the
/// demo is the same every time. Left on purpose (<see cref="Left"/>): three findings past their deadline and not closed
/// (overdue), one of them reopened; one closed after its deadline (closed, but not on time). Two inspections are planned
/// (计划中), dated 10 and 24 days after the demo's today and not visited, so the plan of inspections shows.
/// </summary>
public static class LoadDemoSupervision
{
    public const string Operator = "演示数据";

    public sealed record Result(int Inspections, int Findings, int Overdue, int Cases);

    /// <summary>What the demo leaves for the checks: findings overdue (not closed, deadline passed), and closed late.</summary>
    public sealed record Gaps(int Overdue, int ClosedLate);

    public static readonly Gaps Left = new(3, 1);

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = LoadDemo.DefaultSeed, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator(Operator);
        if (await db.Inspections.AnyAsync(ct))
            throw new ConflictException(new LocalText("该数据库已有督查记录，不再载入演示数据", "This database already holds inspections; the demo's are not loaded"));
        var random = new Random(DemoSeed.Of(seed, "supervision"));
        var offices = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == UnitKind.TownshipOffice && u.TownshipId != null)
            .Select(u => new { u.Id, Township = u.TownshipId!.Value, u.CountyId }).ToListAsync(ct);
        var teams = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == UnitKind.VillageTeam && u.VillageId != null)
            .Select(u => new { u.Id, Village = u.VillageId!.Value }).ToListAsync(ct);
        var departments = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == UnitKind.Department).OrderBy(u => u.Name).Select(u => new { u.Id, u.Name, u.Department }).ToListAsync(ct);
        if (offices.Count == 0 || teams.Count == 0 || departments.Count == 0) return new Result(0, 0, 0, 0);
        var teamOf = teams.GroupBy(t => t.Village).ToDictionary(g => g.Key, g => g.First().Id);
        var officeOf = offices.GroupBy(o => o.Township).ToDictionary(g => g.Key, g => g.First().Id);
        var county = offices[0].CountyId;
        // Poor villages with a team, in code order; the township of the first two.
        var villages = await db.Villages.AsNoTracking().Where(v => v.IsPoor).OrderBy(v => v.Code).Select(v => new { v.Id, v.TownshipId, v.Name, v.Code }).ToListAsync(ct);
        villages = villages.Where(v => teamOf.ContainsKey(v.Id) && officeOf.ContainsKey(v.TownshipId)).ToList();
        if (villages.Count < 3) return new Result(0, 0, 0, 0);
        var a = villages[random.Next(villages.Count / 3)];
        var b = villages.First(v => v.TownshipId != a.TownshipId);
        var c = villages.Last(v => v.TownshipId != a.TownshipId && v.TownshipId != b.TownshipId);
        var households = await db.Households.AsNoTracking().Where(h => h.VillageId == a.Id || h.VillageId == b.Id).OrderBy(h => h.Number)
            .Select(h => new { h.Id, h.VillageId }).ToListAsync(ct);
        var project = await (from p in db.Projects.AsNoTracking()
                             where p.ResponsibleTownshipId != null && db.Disbursements.Any(d => d.ProjectId == p.Id)
                             orderby p.Code
                             select new { p.Id, Township = p.ResponsibleTownshipId!.Value, p.ResponsibleDepartment }).FirstOrDefaultAsync(ct);
        var payment = project is null ? null : await db.Disbursements.AsNoTracking().Where(d => d.ProjectId == project.Id && d.RefundOfId == null)
            .OrderBy(d => d.PaidOn).ThenBy(d => d.VoucherNumber).Select(d => new { d.Id }).FirstOrDefaultAsync(ct);
        var finance = departments.FirstOrDefault(d => d.Name.Contains("财政"))?.Id ?? departments[0].Id;

        var inspections = new List<Inspection>();
        var findings = new List<Finding>();
        Inspection Inspect(InspectionKind kind, int year, string title, Guid? unit, Guid? township, Guid? village, DateOnly planned, DateOnly? visited, string who)
        {
            var i = new Inspection
            {
                Id = Guid.CreateVersion7(), CountyId = county, Kind = kind, Year = year, Title = title, SubjectUnitId = unit, TownshipId = township, VillageId = village,
                PlannedOn = planned, VisitedOn = visited, Inspectors = who, RecordedBy = Operator, Version = 1,
                Notes = "演示数据（示意）",
            };
            inspections.Add(i);
            return i;
        }
        void Find(Inspection i, FindingCategory category, string text, Guid unit, int days, FindingTarget? kind, Guid? target, Guid? township, Guid? village,
            FindingStatus status, int closedAfter = 0, string? measures = null)
        {
            var visited = i.VisitedOn!.Value;
            var deadline = visited.AddDays(days);
            var f = new Finding
            {
                Id = Guid.CreateVersion7(), CountyId = county, InspectionId = i.Id, Year = i.Year, Category = category, Description = text, ResponsibleUnitId = unit,
                Deadline = deadline, TargetKind = kind, TargetId = target, TownshipId = township, VillageId = village, Status = status, RecordedBy = Operator, Version = 1,
            };
            if (status is not FindingStatus.Open)
                f.Measures = measures ?? "已逐项核实并整改到位，相关台账已更新（演示）";
            if (status is FindingStatus.Submitted or FindingStatus.Closed)
            {
                f.SubmittedOn = deadline.AddDays(closedAfter - 3);
                f.SubmittedBy = Operator;
            }
            if (status == FindingStatus.Closed)
            {
                f.ClosedOn = deadline.AddDays(closedAfter);
                f.ClosedBy = Operator;
            }
            if (status == FindingStatus.Reopened)
            {
                f.Reopened = 1;
                f.ReopenReason = "整改材料不全，缺少入户核实记录（演示）";
            }
            findings.Add(f);
        }

        // 2016: a township inspection, an unannounced village visit, a special check of the funds.
        var i1 = Inspect(InspectionKind.Supervision, 2016, "2016年精准识别工作督查", null, a.TownshipId, null, new DateOnly(2016, 5, 10), new DateOnly(2016, 5, 12), "县督办评估组 张督查、李督查");
        Find(i1, FindingCategory.Identification, "建档立卡户家庭人口与户籍信息不一致", officeOf[a.TownshipId], 30, FindingTarget.Household, households.First(h => h.VillageId == a.Id).Id, a.TownshipId, a.Id, FindingStatus.Closed, -5);
        Find(i1, FindingCategory.DataQuality, "村级贫困户档案缺少收入核算表", teamOf[a.Id], 30, FindingTarget.Village, a.Id, a.TownshipId, a.Id, FindingStatus.Closed, -2);
        Find(i1, FindingCategory.Assistance, "帮扶责任人入户走访记录缺失", officeOf[a.TownshipId], 45, null, null, a.TownshipId, null, FindingStatus.Closed, 10);
        var i2 = Inspect(InspectionKind.Unannounced, 2016, "2016年驻村帮扶暗访", null, b.TownshipId, b.Id, new DateOnly(2016, 9, 1), new DateOnly(2016, 9, 6), "县执纪问责组 王督查");
        Find(i2, FindingCategory.Conduct, "驻村工作队队员未按要求在岗", teamOf[b.Id], 15, FindingTarget.Village, b.Id, b.TownshipId, b.Id, FindingStatus.Closed, -1);
        Find(i2, FindingCategory.Assistance, "贫困户对帮扶措施知晓率低", teamOf[b.Id], 30, FindingTarget.Household, households.First(h => h.VillageId == b.Id).Id, b.TownshipId, b.Id, FindingStatus.Closed, 0);
        if (project is not null)
        {
            var i3 = Inspect(InspectionKind.Special, 2016, "2016年扶贫资金专项检查", finance, null, null, new DateOnly(2016, 11, 1), new DateOnly(2016, 11, 8), "县督办评估组 赵督查");
            Find(i3, FindingCategory.Projects, "项目公示照片未归档", officeOf.GetValueOrDefault(project.Township, officeOf[a.TownshipId]), 20, FindingTarget.Project, project.Id, project.Township, null, FindingStatus.Closed, -4);
            if (payment is not null)
                Find(i3, FindingCategory.Funds, "资金拨付凭证与报账资料不符", finance, 30, FindingTarget.Payment, payment.Id, project.Township, null, FindingStatus.Closed, -6);
        }
        // 2017: a village inspection with findings still open (overdue), a township visit with one reopened and one submitted.
        var i4 = Inspect(InspectionKind.Supervision, 2017, "2017年脱贫攻坚工作督查", null, c.TownshipId, c.Id, new DateOnly(2017, 4, 10), new DateOnly(2017, 4, 11), "县督办评估组 张督查");
        Find(i4, FindingCategory.Identification, "疑似不符合条件农户纳入建档立卡", teamOf[c.Id], 30, FindingTarget.Village, c.Id, c.TownshipId, c.Id, FindingStatus.Open);
        Find(i4, FindingCategory.DataQuality, "村级脱贫攻坚作战图未更新", teamOf[c.Id], 20, null, null, c.TownshipId, c.Id, FindingStatus.Closed, -3);
        var i5 = Inspect(InspectionKind.Unannounced, 2017, "2017年帮扶工作暗访", null, a.TownshipId, null, new DateOnly(2017, 8, 15), new DateOnly(2017, 8, 17), "县执纪问责组 王督查");
        Find(i5, FindingCategory.Assistance, "产业帮扶措施未落实到户", officeOf[a.TownshipId], 30, FindingTarget.Household, households.Last(h => h.VillageId == a.Id).Id, a.TownshipId, a.Id, FindingStatus.Reopened);
        Find(i5, FindingCategory.Conduct, "乡镇扶贫干部工作作风不实", officeOf[a.TownshipId], 30, null, null, a.TownshipId, null, FindingStatus.Rectifying);
        Find(i5, FindingCategory.Other, "扶贫政策宣传栏内容陈旧", teamOf[a.Id], 20, FindingTarget.Village, a.Id, a.TownshipId, a.Id, FindingStatus.Closed, -7);
        // The plan: two inspections planned after the demo's today, not yet visited (计划中), so without findings.
        var today = factory.Clock.Today();
        var soon = today.AddDays(10);
        var later = today.AddDays(24);
        Inspect(InspectionKind.Supervision, soon.Year, "脱贫成果巩固督查（计划）", null, b.TownshipId, null, soon, null, "县督办评估组 张督查、李督查");
        Inspect(InspectionKind.Unannounced, later.Year, "驻村帮扶暗访（计划）", null, c.TownshipId, c.Id, later, null, "县执纪问责组 王督查");
        db.Inspections.AddRange(inspections);
        await db.SaveChangesAsync(ct);
        db.Findings.AddRange(findings);
        await db.SaveChangesAsync(ct);

        // Two accountability cases: one decided (from the unannounced visit), one still open (from the overdue finding).
        var late = findings.First(f => f.Status == FindingStatus.Reopened);
        var absent = findings.First(f => f.Category == FindingCategory.Conduct && f.Year == 2016);
        var person = await db.UnitPeople.AsNoTracking().Where(p => p.UnitId == absent.ResponsibleUnitId).OrderBy(p => p.Order).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        db.AccountabilityCases.AddRange(
            new AccountabilityCase
            {
                Id = Guid.CreateVersion7(), CountyId = county, Year = 2016, SubjectUnitId = absent.ResponsibleUnitId, SubjectPersonId = person,
                Cause = "驻村工作队队员未按要求在岗（暗访发现）", FindingId = absent.Id, Measure = AccountabilityMeasure.Admonition,
                OpenedOn = new DateOnly(2016, 9, 20), DecidedOn = new DateOnly(2016, 10, 10), Status = AccountabilityStatus.Decided,
                TownshipId = b.TownshipId, VillageId = b.Id, RecordedBy = Operator, Version = 1,
            },
            new AccountabilityCase
            {
                Id = Guid.CreateVersion7(), CountyId = county, Year = 2017, SubjectUnitId = late.ResponsibleUnitId,
                Cause = "产业帮扶问题整改不到位、逾期未销号", FindingId = late.Id, Measure = AccountabilityMeasure.Reminder,
                OpenedOn = new DateOnly(2017, 10, 20), Status = AccountabilityStatus.Open,
                TownshipId = a.TownshipId, RecordedBy = Operator, Version = 1,
            });
        await db.SaveChangesAsync(ct);
        return new Result(inspections.Count, findings.Count, findings.Count(f => SupervisionRules.IsOverdue(f.Deadline, f.Status, today)), 2);
    }
}
