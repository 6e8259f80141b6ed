using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Notices;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;
using Tuopin.Application.Common;

namespace Tuopin.Application.Notices;

/// <summary>
/// The demo's public notices, clearly illustrative. The projects' own demo makes the county's projects, their notices
/// dated in their own years; when none is on notice today this adds two (a road and a drinking-water project of the first two poor villages by code, each
/// benefiting four of the village's poor households), so that the public pages have something running. Their notice is
/// dated from the day the demo is loaded (posted two days before, seven days long) — the one part of the demo that follows
/// the clock, since a notice shows only while it runs and a little after. Then two objections on the first project's
/// notice: one answered by its township, one left open, so that the project is held (<see cref="Project.HeldByObjection"/>);
/// and an open objection for each project the projects' demo left held, so that every hold has its objection to answer.
/// Last, two villages' household-benefit lists (户受益公示) of the fund ledger's demo payments, published the same way.
/// </summary>
public static class LoadDemoNotices
{
    public sealed record Result(int Projects, int Objections, int BenefitLists = 0);

    private const string Operator = "演示数据";

    public static async Task<Result> RunAsync(TuopinDbFactory factory, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator(Operator);
        if (await db.NoticeObjections.AnyAsync(ct)) return new Result(0, 0);
        var today = factory.Clock.Today();
        var created = 0;
        var onNotice = await db.Projects.Where(p => p.Step == ProjectStep.Notice && p.NoticeStartsOn != null).OrderBy(p => p.Code).ToListAsync(ct);
        // The public pages need a notice running today: the projects' demo dates its notices in its own years.
        var noticed = onNotice.Where(p => p.NoticeStartsOn <= today && p.NoticeEndsOn >= today).ToList();
        if (noticed.Count == 0)
        {
            var countyId = await db.Counties.Select(c => c.Id).SingleAsync(ct);
            var villages = await db.Villages.AsNoTracking().Where(v => v.IsPoor).OrderBy(v => v.Code).Take(2).ToListAsync(ct);
            var year = await Common.WorkYear.StoredAsync(db, ct) ?? Demo.DemoPlan.WorkYear;
            var kinds = new[] { (ProjectCategory.Road, "通组公路硬化（演示）", 3.2m, "公里", 960_000m), (ProjectCategory.Water, "安全饮水巩固提升（演示）", 1m, "处", 180_000m) };
            for (var i = 0; i < villages.Count; i++)
            {
                var v = villages[i];
                var (category, name, quantity, unit, budget) = kinds[i];
                var starts = today.AddDays(-2);
                var project = new Project
                {
                    Id = Guid.CreateVersion7(), CountyId = countyId, Code = $"LF{year}-GS-{i + 1:000}", Name = v.Name + name, Category = category, Year = year,
                    ResponsibleTownshipId = v.TownshipId, Budget = Money.FromYuan(budget), OutputQuantity = quantity, OutputUnit = unit,
                    Step = ProjectStep.Notice, ApprovalDocumentNumber = $"来扶组发〔{year}〕{i + 3}号", ApprovedOn = starts.AddDays(-5),
                    NoticeStartsOn = starts, NoticeEndsOn = starts.AddDays(6), RecordedBy = Operator,
                    Villages = [new ProjectVillage { Id = Guid.CreateVersion7(), VillageId = v.Id }],
                };
                db.Projects.Add(project);
                db.ProjectSteps.Add(new ProjectStepRecord { Id = Guid.CreateVersion7(), ProjectId = project.Id, Step = ProjectStep.Notice, On = starts, By = Operator, Note = "演示数据" });
                var households = await db.Households.AsNoTracking()
                    .Where(h => h.VillageId == v.Id && h.ClosedOn == null && (h.Status == HouseholdStatus.NotExited || h.Status == HouseholdStatus.Returned))
                    .OrderBy(h => h.Number).Select(h => h.Id).Take(4).ToListAsync(ct);
                foreach (var h in households) db.ProjectBeneficiaries.Add(new ProjectBeneficiary { Id = Guid.CreateVersion7(), ProjectId = project.Id, HouseholdId = h });
                noticed.Add(project);
                created++;
            }
        }
        var benefitLists = await PublishBenefitListsAsync(db, today, ct);
        if (noticed.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return new Result(0, 0, benefitLists);
        }
        var first = noticed[0];
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        db.NoticeObjections.Add(new NoticeObjection
        {
            Id = Guid.CreateVersion7(), Kind = NoticeKind.Project, TargetId = first.Id, Year = first.Year, CountyId = first.CountyId,
            TownshipId = first.ResponsibleTownshipId ?? Guid.Empty, Department = first.ResponsibleDepartment,
            Text = "公路经过我组的路段占用了两户的耕地，事先没有商量。（演示）", ContactName = "村民（演示）", ReceivedAt = now.AddDays(-1),
            Status = ObjectionStatus.Answered, Answer = "经乡镇和村委会实地核实，线路已调整避开耕地，并与两户签订协议。（演示）", AnsweredBy = "乡镇扶贫办（演示）", AnsweredAt = now.AddHours(-6),
        });
        db.NoticeObjections.Add(new NoticeObjection
        {
            Id = Guid.CreateVersion7(), Kind = NoticeKind.Project, TargetId = first.Id, Year = first.Year, CountyId = first.CountyId,
            TownshipId = first.ResponsibleTownshipId ?? Guid.Empty, Department = first.ResponsibleDepartment,
            Text = "预算每公里30万元，比邻村同类项目高，请说明。（演示）", ReceivedAt = now.AddHours(-3), Status = ObjectionStatus.Open,
        });
        first.HeldByObjection = true;
        first.Version++;
        // A project the projects' demo left held by an objection has that objection, open: the hold is the objection's.
        foreach (var held in onNotice.Where(p => p.HeldByObjection && p.Id != first.Id))
            db.NoticeObjections.Add(new NoticeObjection
            {
                Id = Guid.CreateVersion7(), Kind = NoticeKind.Project, TargetId = held.Id, Year = held.Year, CountyId = held.CountyId,
                TownshipId = held.ResponsibleTownshipId ?? Guid.Empty, Department = held.ResponsibleDepartment,
                Text = "对项目受益户的确定有不同意见，请核实。（演示）", ContactName = "村民（演示）",
                ReceivedAt = (held.NoticeStartsOn ?? today).AddDays(1).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), Status = ObjectionStatus.Open,
            });
        await db.SaveChangesAsync(ct);
        return new Result(created, db.ChangeTracker.Entries<NoticeObjection>().Count(), benefitLists);
    }

    /// <summary>
    /// 户受益公示: the household-benefit lists of the first two villages by code that the fund ledger's demo paid households in,
    /// for the latest year paid there, published from two days before the load day for ten days (like the projects' notices
    /// above, the one part that follows the clock). None when the ledger paid no household.
    /// </summary>
    private static async Task<int> PublishBenefitListsAsync(TuopinDb db, DateOnly today, CancellationToken ct)
    {
        if (await db.BenefitNotices.AnyAsync(ct)) return 0;
        var paid = await db.Disbursements.AsNoTracking()
            .Where(d => d.PayeeKind == PayeeKind.Household && d.VillageId != null && d.RefundOfId == null)
            .Select(d => new { VillageId = d.VillageId!.Value, d.PaidOn }).ToListAsync(ct);
        var latest = paid.GroupBy(d => d.VillageId).ToDictionary(g => g.Key, g => g.Max(d => d.PaidOn.Year));
        if (latest.Count == 0) return 0;
        var ids = latest.Keys.ToList();
        var villages = await (from v in db.Villages.AsNoTracking()
                              join t in db.Townships on v.TownshipId equals t.Id
                              where ids.Contains(v.Id)
                              orderby v.Code
                              select new { v.Id, v.TownshipId, t.CountyId }).Take(2).ToListAsync(ct);
        var now = DateTime.SpecifyKind(today.AddDays(-2).ToDateTime(new TimeOnly(9, 0)), DateTimeKind.Utc);
        foreach (var v in villages)
            db.BenefitNotices.Add(new BenefitNotice
            {
                Id = Guid.CreateVersion7(), CountyId = v.CountyId, TownshipId = v.TownshipId, VillageId = v.Id, Year = latest[v.Id],
                StartsOn = today.AddDays(-2), EndsOn = today.AddDays(7), PublishedBy = Operator, PublishedAt = now, Version = 1,
            });
        return villages.Count;
    }
}
