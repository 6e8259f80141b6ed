using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>The household fields of the national form, as a request carries them.</summary>
public sealed record HouseholdFields
{
    public Guid VillageId { get; init; }
    public Guid? GroupId { get; init; }
    public string? Number { get; init; }
    public int RegistrationYear { get; init; }
    public IdentificationStandard Standard { get; init; } = IdentificationStandard.National;
    public HouseholdAttribute Attribute { get; init; } = HouseholdAttribute.General;
    public PovertyCause MainCause { get; init; }
    public PovertyCause? OtherCause1 { get; init; }
    public PovertyCause? OtherCause2 { get; init; }
    public HousingSafety Housing { get; init; } = HousingSafety.Safe;
    public decimal? HousingArea { get; init; }
    public bool IsAdobeHouse { get; init; }
    public bool HasLivingPower { get; init; } = true;
    public bool HasProductionPower { get; init; }
    public bool DrinkingWaterDifficult { get; init; }
    public bool DrinkingWaterSafe { get; init; } = true;
    public bool HasSanitaryToilet { get; init; }
    public decimal? DistanceToMainRoadKm { get; init; }
    public EntryRoad? EntryRoad { get; init; }
    public Fuel? MainFuel { get; init; }
    public bool InCooperative { get; init; }
    public string? Phone { get; init; }
}

/// <summary>The member fields of the national form, as a request carries them.</summary>
public sealed record MemberFields
{
    public string? ResidentId { get; init; }
    public string? Name { get; init; }
    public Sex Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public Relation Relation { get; init; }
    public string EthnicityCode { get; init; } = "01";
    public Education Education { get; init; }
    public Schooling Schooling { get; init; } = Schooling.NotInSchool;
    public Health Health { get; init; } = Health.Healthy;
    public int? DisabilityGrade { get; init; }
    public LabourSkill Labour { get; init; } = LabourSkill.Ordinary;
    public MigrantWork? MigrantWork { get; init; }
    public int? MigrantMonths { get; init; }
    public bool MedicalInsurance { get; init; }
    public bool PensionInsurance { get; init; }
    public MemberStatus Status { get; init; } = MemberStatus.Present;
}

/// <summary>A year's income, yuan with at most two decimals.</summary>
public sealed record IncomeFields
{
    public int Year { get; init; }
    public int? HouseholdSize { get; init; }
    public decimal Wage { get; init; }
    public decimal Production { get; init; }
    public decimal Property { get; init; }
    public decimal FamilyPlanning { get; init; }
    public decimal Dibao { get; init; }
    public decimal Wubao { get; init; }
    public decimal Pension { get; init; }
    public decimal EcoCompensation { get; init; }
    public decimal OtherTransfer { get; init; }
    public decimal ProductionExpense { get; init; }
}

/// <summary>A resident ID as the viewer may see it: full, or masked for roles that need no more.</summary>
public sealed record ShownId(string Text, bool Masked);

public sealed record HouseholdSummary(
    Guid Id,
    string Number,
    Guid TownshipId,
    string Township,
    Guid VillageId,
    string Village,
    string? HeadName,
    ShownId? HeadResidentId,
    int Size,
    HouseholdAttribute Attribute,
    PovertyCause MainCause,
    HouseholdStatus Status,
    int? ExitYear);

public sealed record MemberView(
    Guid Id,
    string Name,
    ShownId ResidentId,
    Sex Sex,
    DateOnly BirthDate,
    int Age,
    Relation Relation,
    string EthnicityCode,
    string Ethnicity,
    Education Education,
    Schooling Schooling,
    Health Health,
    int? DisabilityGrade,
    LabourSkill Labour,
    MigrantWork? MigrantWork,
    int? MigrantMonths,
    bool MedicalInsurance,
    bool PensionInsurance,
    MemberStatus Status);

public sealed record IncomeView(
    int Year,
    int HouseholdSize,
    decimal Wage,
    decimal Production,
    decimal Property,
    decimal FamilyPlanning,
    decimal Dibao,
    decimal Wubao,
    decimal Pension,
    decimal EcoCompensation,
    decimal OtherTransfer,
    decimal ProductionExpense,
    decimal Transfer,
    decimal Total,
    decimal Net,
    decimal PerCapitaNet,
    decimal? PovertyLine);

public sealed record StatusChangeView(DateOnly Date, HouseholdStatus? From, HouseholdStatus To, int? Year, string Reason, string RecordedBy, DateTime RecordedAt);

public sealed record HouseholdDetail(
    Guid Id,
    string Number,
    int Version,
    Guid CountyId,
    Guid TownshipId,
    string Township,
    Guid VillageId,
    string Village,
    Guid? GroupId,
    string? Group,
    HouseholdFields Fields,
    ShownId? Phone,
    HouseholdStatus Status,
    int? ExitYear,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<IncomeView> Incomes,
    IReadOnlyList<StatusChangeView> StatusChanges);

public sealed record HistoryEntry(DateTime At, string UserName, string Action, string EntityType, Guid EntityId, string Changes, string? Reason);
