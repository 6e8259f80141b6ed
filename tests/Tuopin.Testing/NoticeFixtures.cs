using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Exit;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
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

    public static Task<Project> ProjectAsync(TestCounty county, Guid id) => county.QueryAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == id));
}
