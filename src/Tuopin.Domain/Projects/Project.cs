using Tuopin.Domain.Common;

namespace Tuopin.Domain.Projects;

/// <summary>
/// A poverty-alleviation project of the county's project library (扶贫项目库): "projects follow the plan, funds follow
/// projects". It is the county's record, in one or more villages (<see cref="ProjectVillage"/>), the responsibility of a
/// line department or a township, with a budget, planned outputs and the registry households it benefits
/// (<see cref="ProjectBeneficiary"/>; the poor people benefiting are counted from the registry, never typed in).
/// It moves through the steps of <see cref="ProjectStep"/> in order; each step taken is kept as a
/// <see cref="ProjectStepRecord"/> (who, when, the document). Money reaches it only through the fund ledger
/// (Funds: allocations and disbursements).
/// </summary>
public sealed class Project : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    /// <summary>项目编号, unique in the county (e.g. LF2016-JT-001).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public ProjectCategory Category { get; set; }

    /// <summary>The plan year the project belongs to.</summary>
    public int Year { get; set; }

    /// <summary>The township responsible (乡镇实施), or null when a line department is.</summary>
    public Guid? ResponsibleTownshipId { get; set; }

    /// <summary>The line department responsible (县直部门实施), or null when a township is.</summary>
    public Accounts.Department? ResponsibleDepartment { get; set; }

    /// <summary>项目预算, whole fen.</summary>
    public Money Budget { get; set; }

    /// <summary>Planned output (建设内容): quantity and unit, e.g. 3.2 km road.</summary>
    public decimal OutputQuantity { get; set; }

    public required string OutputUnit { get; set; }

    /// <summary>The step the project has reached (the last one taken).</summary>
    public ProjectStep Step { get; set; } = ProjectStep.Planned;

    /// <summary>立项批复文号, set at approval.</summary>
    public string? ApprovalDocumentNumber { get; set; }

    public DateOnly? ApprovedOn { get; set; }

    /// <summary>The public notice (公示): first and last day; objections hold the project until answered.</summary>
    public DateOnly? NoticeStartsOn { get; set; }

    public DateOnly? NoticeEndsOn { get; set; }

    /// <summary>An objection to the notice is open: the project cannot go on until it is answered.</summary>
    public bool HeldByObjection { get; set; }

    /// <summary>中标单位 / 供货单位, set at tender or procurement.</summary>
    public string? Contractor { get; set; }

    /// <summary>合同金额, whole fen.</summary>
    public Money? ContractAmount { get; set; }

    public DateOnly? StartedOn { get; set; }

    /// <summary>形象进度, percent (0–100), reported while implementing.</summary>
    public int ProgressPercent { get; set; }

    public DateOnly? AcceptedOn { get; set; }

    /// <summary>验收单位或人员.</summary>
    public string? AcceptedBy { get; set; }

    /// <summary>验收结论 (合格 / 不合格 …).</summary>
    public string? AcceptanceResult { get; set; }

    public DateOnly? ReimbursedOn { get; set; }

    public DateOnly? ClosedOn { get; set; }

    /// <summary>"五统一": part of the county's integrated plan and tender where the county sets it.</summary>
    public bool Integrated { get; set; }

    /// <summary>An audit or accountability flag (审计/问责) raised at any step; the reason says why.</summary>
    public bool Flagged { get; set; }

    public string? FlagReason { get; set; }

    public List<ProjectVillage> Villages { get; set; } = [];

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public const int MaxNameLength = 100;
}

/// <summary>A village the project is built in or serves (and so its zone and township).</summary>
public sealed class ProjectVillage
{
    public Guid Id { get; set; }

    public Guid ProjectId { get; set; }

    public Guid VillageId { get; set; }
}

/// <summary>A registry household the project benefits (受益户).</summary>
public sealed class ProjectBeneficiary : IHouseholdOwned
{
    public Guid Id { get; set; }

    public Guid ProjectId { get; set; }

    public Guid HouseholdId { get; set; }
}

/// <summary>One step taken: who, when, the document (文号) and a note. The project's history, in order.</summary>
public sealed class ProjectStepRecord
{
    public Guid Id { get; set; }

    public Guid ProjectId { get; set; }

    public ProjectStep Step { get; set; }

    public DateOnly On { get; set; }

    public string? DocumentNumber { get; set; }

    public string? Note { get; set; }

    public required string By { get; set; }

    public DateTime RecordedAt { get; set; }
}

public enum ProjectCategory
{
    Road = 1, Water = 2, Power = 3, Housing = 4, Telecom = 5,
    Industry = 6, Relocation = 7, DangerousHouse = 8, PublicServices = 9, CapacityBuilding = 10, Finance = 11,
}

/// <summary>谋划 → 申报 → 审批 → 公示 → 招标采购 → 实施 → 验收 → 报账 → 销号, in this order.</summary>
public enum ProjectStep
{
    Planned = 1, Applied = 2, Approved = 3, Notice = 4, Tendered = 5, Implementing = 6, Accepted = 7, Reimbursed = 8, Closed = 9,
}

public static class ProjectCategories
{
    public static readonly CodeList<ProjectCategory> Codes = new("项目类别", "Project category",
        new(ProjectCategory.Road, "11", "小康路", "Road"),
        new(ProjectCategory.Water, "12", "小康水", "Water"),
        new(ProjectCategory.Power, "13", "小康电", "Power"),
        new(ProjectCategory.Housing, "14", "小康房", "Housing"),
        new(ProjectCategory.Telecom, "15", "小康讯", "Telecom"),
        new(ProjectCategory.Industry, "2", "产业发展", "Industry"),
        new(ProjectCategory.Relocation, "3", "易地扶贫搬迁", "Relocation"),
        new(ProjectCategory.DangerousHouse, "4", "危房改造", "Dangerous-house renovation"),
        new(ProjectCategory.PublicServices, "5", "公共服务", "Public services"),
        new(ProjectCategory.CapacityBuilding, "6", "能力建设", "Capacity building"),
        new(ProjectCategory.Finance, "7", "金融扶贫", "Finance"));
}

public static class ProjectSteps
{
    public static readonly CodeList<ProjectStep> Codes = new("项目环节", "Project step",
        new(ProjectStep.Planned, "1", "谋划", "Planned"),
        new(ProjectStep.Applied, "2", "申报", "Applied"),
        new(ProjectStep.Approved, "3", "审批", "Approved"),
        new(ProjectStep.Notice, "4", "公示", "Public notice"),
        new(ProjectStep.Tendered, "5", "招标采购", "Tender or procurement"),
        new(ProjectStep.Implementing, "6", "实施", "Implementing"),
        new(ProjectStep.Accepted, "7", "验收", "Accepted"),
        new(ProjectStep.Reimbursed, "8", "报账", "Reimbursed"),
        new(ProjectStep.Closed, "9", "销号", "Closed"));
}
