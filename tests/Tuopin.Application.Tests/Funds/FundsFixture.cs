using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Funds;

/// <summary>Projects made straight in the database at the step a ledger test needs (the lifecycle is the Projects concern's).</summary>
internal static class FundsFixture
{
    public const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    public static async Task<Guid> AddProjectAsync(this TestCounty county, string code, decimal budget, string[] villages, string? township = null, Department? department = null,
        DateOnly? approvedOn = null, DateOnly? noticeEndsOn = null, DateOnly? startedOn = null, DateOnly? acceptedOn = null, bool held = false)
    {
        await using var db = county.Factory.CreateForOperator("tests");
        var project = new Project
        {
            Id = Guid.CreateVersion7(), CountyId = county.CountyId, Code = code, Name = "项目" + code, Category = ProjectCategory.Road, Year = 2016,
            ResponsibleTownshipId = township is null ? null : county.Townships[township], ResponsibleDepartment = department, Budget = Money.FromYuan(budget),
            OutputQuantity = 1, OutputUnit = "项", Step = acceptedOn is not null ? ProjectStep.Accepted : startedOn is not null ? ProjectStep.Implementing : noticeEndsOn is not null ? ProjectStep.Notice : approvedOn is not null ? ProjectStep.Approved : ProjectStep.Planned,
            ApprovedOn = approvedOn, ApprovalDocumentNumber = approvedOn is null ? null : "来扶批〔2016〕" + code, NoticeStartsOn = noticeEndsOn?.AddDays(-9), NoticeEndsOn = noticeEndsOn,
            HeldByObjection = held, StartedOn = startedOn, AcceptedOn = acceptedOn, RecordedBy = "tests", Version = 1,
            Villages = villages.Select(v => new ProjectVillage { Id = Guid.CreateVersion7(), VillageId = county.Villages[v].Id }).ToList(),
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project.Id;
    }

    public static Task UpdateProjectAsync(this TestCounty county, Guid id, Action<Project> change) => county.QueryAsync(async db =>
    {
        var p = await db.Projects.SingleAsync(x => x.Id == id);
        change(p);
        return await db.SaveChangesAsync();
    });

    public static Task<string> NumberAsync(this TestCounty county, Guid household) =>
        county.QueryAsync(db => db.Households.Where(h => h.Id == household).Select(h => h.Number).SingleAsync());

    public static Actor Department(this TestCounty county, Department department) =>
        new(Guid.NewGuid(), Departments.Name(department).Zh, Role.LineDepartment, AreaScope.County(county.CountyId), department);
}
