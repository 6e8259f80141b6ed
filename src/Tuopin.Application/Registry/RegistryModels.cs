using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// The household fields of the national form, as a request carries them. Settable, so that the UI's
/// forms bind to them directly; use cases copy them before use.
/// </summary>
public sealed record HouseholdFields
{
    public Guid VillageId { get; set; }
    public Guid? GroupId { get; set; }
    public string? Number { get; set; }
    public int RegistrationYear { get; set; }
    public IdentificationStandard Standard { get; set; } = IdentificationStandard.National;
    public HouseholdAttribute Attribute { get; set; } = HouseholdAttribute.General;
    public PovertyCause MainCause { get; set; }
    public PovertyCause? OtherCause1 { get; set; }
    public PovertyCause? OtherCause2 { get; set; }
    public HousingSafety Housing { get; set; } = HousingSafety.Safe;
    public decimal? HousingArea { get; set; }
    public bool IsAdobeHouse { get; set; }
    public bool HasLivingPower { get; set; } = true;
    public bool HasProductionPower { get; set; }
    public bool DrinkingWaterDifficult { get; set; }
    public bool DrinkingWaterSafe { get; set; } = true;
    public bool HasSanitaryToilet { get; set; }
    public decimal? DistanceToMainRoadKm { get; set; }
    public EntryRoad? EntryRoad { get; set; }
    public Fuel? MainFuel { get; set; }
    public bool InCooperative { get; set; }
    public string? Phone { get; set; }
}

/// <summary>The member fields of the national form, as a request carries them (settable for forms).</summary>
public sealed record MemberFields
{
    public string? ResidentId { get; set; }
    public string? Name { get; set; }
    public Sex Sex { get; set; }
    public DateOnly BirthDate { get; set; }
    public Relation Relation { get; set; }
    public string EthnicityCode { get; set; } = "01";
    public Education Education { get; set; }
    public Schooling Schooling { get; set; } = Schooling.NotInSchool;
    public Health Health { get; set; } = Health.Healthy;
    public int? DisabilityGrade { get; set; }
    public LabourSkill Labour { get; set; } = LabourSkill.Ordinary;
    public MigrantWork? MigrantWork { get; set; }
    public int? MigrantMonths { get; set; }
    public bool MedicalInsurance { get; set; }
    public bool PensionInsurance { get; set; }
    public MemberStatus Status { get; set; } = MemberStatus.Present;

    /// <summary>A member's fields as shown; the resident ID is left empty when it was shown masked.</summary>
    public static MemberFields From(MemberView m) => new()
    {
        ResidentId = m.ResidentId.Masked ? null : m.ResidentId.Text,
        Name = m.Name,
        Sex = m.Sex,
        BirthDate = m.BirthDate ?? default,
        Relation = m.Relation,
        EthnicityCode = m.EthnicityCode,
        Education = m.Education,
        Schooling = m.Schooling,
        Health = m.Health,
        DisabilityGrade = m.DisabilityGrade,
        Labour = m.Labour,
        MigrantWork = m.MigrantWork,
        MigrantMonths = m.MigrantMonths,
        MedicalInsurance = m.MedicalInsurance,
        PensionInsurance = m.PensionInsurance,
        Status = m.Status,
    };

    /// <summary>Fills sex and birth date from a valid resident ID, so that they are typed once.</summary>
    public void FillFromResidentId()
    {
        if (Domain.Registry.ResidentId.TryParse(ResidentId, out var id))
        {
            Sex = id.Sex;
            BirthDate = id.BirthDate;
            ResidentId = id.Value;
        }
    }
}

/// <summary>A year's income, yuan with at most two decimals.</summary>
public sealed record IncomeFields
{
    public int Year { get; set; }
    public int? HouseholdSize { get; set; }
    public decimal Wage { get; set; }
    public decimal Production { get; set; }
    public decimal Property { get; set; }
    public decimal FamilyPlanning { get; set; }
    public decimal Dibao { get; set; }
    public decimal Wubao { get; set; }
    public decimal Pension { get; set; }
    public decimal EcoCompensation { get; set; }
    public decimal OtherTransfer { get; set; }
    public decimal ProductionExpense { get; set; }
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
    int? ExitYear,
    IReadOnlyList<MatchedMember>? Matched = null);

/// <summary>
/// A member a name or ID search matched, so that the list says why the household is in it (the head is not
/// always the one searched for; a member who has left still matches).
/// </summary>
public sealed record MatchedMember(string Name, Relation Relation, MemberStatus Status);

public sealed record MemberView(
    Guid Id,
    string Name,
    ShownId ResidentId,
    Sex Sex,
    DateOnly? BirthDate,
    string BirthMonth,
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
