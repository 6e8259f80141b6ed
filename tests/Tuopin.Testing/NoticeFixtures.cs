using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Exit;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Projects;

namespace Tuopin.Testing;

/// <summary>Projects at the notice step and exit lists on notice, made straight in the database (the projects' own lifecycle is another concern's).</summary>
public static class NoticeFixtures
{
    /// <summary>A project of the township, in the village, noticed from today + <paramref name="startsIn"/> for 7 days, benefiting the households.</summary>
    public static async Task<Guid> ProjectOnNoticeAsync(TestCounty county, string village, int startsIn = -1, string name = "黄柏园村通组公路硬化", IReadOnlyList<Guid>? beneficiaries = null, int days = 7)
    {
        var (villageId, townshipId) = county.Villages[village];
        var starts = county.Today.AddDays(startsIn);
        var project = new Project
        {
            Id = Guid.CreateVersion7(), CountyId = county.CountyId, Code = "T" + Guid.NewGuid().ToString("N")[..8], Name = name,
            Category = ProjectCategory.Road, Year = starts.Year, ResponsibleTownshipId = townshipId, Budget = Money.FromYuan(320_000m),
            OutputQuantity = 3.2m, OutputUnit = "公里", Step = ProjectStep.Notice, ApprovalDocumentNumber = "来扶组发〔2016〕8号",
            ApprovedOn = starts.AddDays(-3), NoticeStartsOn = starts, NoticeEndsOn = starts.AddDays(days - 1), RecordedBy = "tests",
            Villages = [new ProjectVillage { Id = Guid.CreateVersion7(), VillageId = villageId }],
        };
        await county.QueryAsync(async db =>
        {
            db.Projects.Add(project);
            foreach (var h in beneficiaries ?? []) db.ProjectBeneficiaries.Add(new ProjectBeneficiary { Id = Guid.CreateVersion7(), ProjectId = project.Id, HouseholdId = h });
            return await db.SaveChangesAsync();
        });
        return project.Id;
    }

    /// <summary>Takes the households of the village through the exit procedure to its public notice, posted <paramref name="postedDaysAgo"/> days ago.</summary>
    public static async Task<IReadOnlyList<Guid>> PostExitNoticeAsync(TestCounty county, string village, IReadOnlyList<Guid> households, int postedDaysAgo = 1)
    {
        var officer = county.VillageOfficer(village);
        var posted = county.Today.AddDays(-postedDaysAgo);
        var proposed = await county.As<ProposeExits>(officer).HandleAsync(new ProposeExits.Request(county.Villages[village].Id, county.Today.Year, posted.AddDays(-10), households, null));
        foreach (var (step, back) in new[] { (ProcedureStep.DemocraticReview, 8), (ProcedureStep.Verification, 6), (ProcedureStep.HouseholdAgreement, 4) })
            await county.As<RecordProcedureStep>(officer).HandleAsync(new RecordProcedureStep.Request(proposed.ProcedureIds, step, posted.AddDays(-back), null));
        await county.As<RecordProcedureStep>(officer).HandleAsync(new RecordProcedureStep.Request(proposed.ProcedureIds, ProcedureStep.PublicNotice, posted, null));
        return proposed.ProcedureIds;
    }

    /// <summary>Last year's household payments in the village (for 户受益公示): a project in the village with an allocation, and household payments: 1,200 yuan and 800 yuan (300 of it refunded) to the first, 500 to the second.</summary>
    public static async Task<(Guid First, Guid Second, int Year)> BenefitPaymentsAsync(TestCounty county, string village)
    {
        var first = await county.AddHouseholdAsync(village, Build.Member(name: "张三丰"));
        var second = await county.AddHouseholdAsync(village, Build.Member(name: "李四"));
        var project = await NoticeFixtures.ProjectOnNoticeAsync(county, village, startsIn: -40, name: "黄柏园村产业奖补");
        var year = county.Today.Year - 1; // last year's payments, on fixed days: the period of the notice is this year's
        var (villageId, townshipId) = county.Villages[village];
        await county.QueryAsync(async db =>
        {
            var source = new FundSource { Id = Guid.CreateVersion7(), CountyId = county.CountyId, Level = FundLevel.Central, IssuingDepartment = "财政部", DocumentNumber = "财农〔2016〕1号", Year = year, ReceivedOn = new DateOnly(year, 3, 1), Amount = Money.FromYuan(10_000m), Allocated = Money.FromYuan(10_000m), Category = IntegrationCategory.IndustryDevelopment, RecordedBy = "tests" };
            var allocation = new FundAllocation { Id = Guid.CreateVersion7(), CountyId = county.CountyId, FundSourceId = source.Id, ProjectId = project, AllocatedOn = new DateOnly(year, 4, 1), Amount = Money.FromYuan(10_000m), Disbursed = Money.FromYuan(2_200m), RecordedBy = "tests" };
            db.FundSources.Add(source);
            db.FundAllocations.Add(allocation);
            Disbursement Pay(Guid household, decimal yuan, string type, int daysAgo, Guid? refundOf = null) => new() // paid daysAgo days before the end of June
            {
                Id = Guid.CreateVersion7(), CountyId = county.CountyId, FundAllocationId = allocation.Id, FundSourceId = source.Id, ProjectId = project,
                PaidOn = new DateOnly(year, 6, 30).AddDays(-daysAgo), Amount = Money.FromYuan(yuan), PayeeKind = PayeeKind.Household, Payee = "户主", HouseholdId = household,
                TownshipId = townshipId, VillageId = villageId, SubsidyType = type, RefundOfId = refundOf, RecordedBy = "tests",
            };
            var paid = Pay(first, 800m, "危房改造补助", 20);
            db.Disbursements.AddRange(Pay(first, 1_200m, "产业奖补", 25), paid, Pay(first, -300m, "危房改造补助", 10, paid.Id), Pay(second, 500m, "产业奖补", 25));
            return await db.SaveChangesAsync();
        });
        return (first, second, year);
    }

    public static Task<Project> ProjectAsync(TestCounty county, Guid id) => county.QueryAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == id));
}
