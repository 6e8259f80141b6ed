using Tuopin.Application.Registry;
using Tuopin.Domain.Registry;

namespace Tuopin.Web.Components.Pages.Registry;

/// <summary>The household form's editable state; converts to and from the use cases' fields.</summary>
public sealed class HouseholdFormModel
{
    public Guid? TownshipId { get; set; }
    public Guid? VillageId { get; set; }
    public Guid? GroupId { get; set; }
    public int RegistrationYear { get; set; } = DateTime.Today.Year;
    public IdentificationStandard Standard { get; set; } = IdentificationStandard.National;
    public HouseholdAttribute Attribute { get; set; } = HouseholdAttribute.General;
    public PovertyCause MainCause { get; set; } = PovertyCause.Illness;
    public PovertyCause? OtherCause1 { get; set; }
    public PovertyCause? OtherCause2 { get; set; }
    public HousingSafety Housing { get; set; } = HousingSafety.Safe;
    public decimal? HousingArea { get; set; }
    public bool IsAdobeHouse { get; set; }
    public bool HasLivingPower { get; set; } = true;
    public bool HasProductionPower { get; set; } = true;
    public bool DrinkingWaterDifficult { get; set; }
    public bool DrinkingWaterSafe { get; set; } = true;
    public bool HasSanitaryToilet { get; set; }
    public decimal? DistanceToMainRoadKm { get; set; }
    public EntryRoad? EntryRoad { get; set; }
    public Fuel? MainFuel { get; set; }
    public bool InCooperative { get; set; }
    public string? Phone { get; set; }

    public HouseholdFields ToFields() => new()
    {
        VillageId = VillageId ?? Guid.Empty,
        GroupId = GroupId,
        RegistrationYear = RegistrationYear,
        Standard = Standard,
        Attribute = Attribute,
        MainCause = MainCause,
        OtherCause1 = OtherCause1,
        OtherCause2 = OtherCause2,
        Housing = Housing,
        HousingArea = HousingArea,
        IsAdobeHouse = IsAdobeHouse,
        HasLivingPower = HasLivingPower,
        HasProductionPower = HasProductionPower,
        DrinkingWaterDifficult = DrinkingWaterDifficult,
        DrinkingWaterSafe = DrinkingWaterSafe,
        HasSanitaryToilet = HasSanitaryToilet,
        DistanceToMainRoadKm = DistanceToMainRoadKm,
        EntryRoad = EntryRoad,
        MainFuel = MainFuel,
        InCooperative = InCooperative,
        Phone = Phone,
    };

    public static HouseholdFormModel From(HouseholdDetail h) => new()
    {
        TownshipId = h.TownshipId,
        VillageId = h.VillageId,
        GroupId = h.GroupId,
        RegistrationYear = h.Fields.RegistrationYear,
        Standard = h.Fields.Standard,
        Attribute = h.Fields.Attribute,
        MainCause = h.Fields.MainCause,
        OtherCause1 = h.Fields.OtherCause1,
        OtherCause2 = h.Fields.OtherCause2,
        Housing = h.Fields.Housing,
        HousingArea = h.Fields.HousingArea,
        IsAdobeHouse = h.Fields.IsAdobeHouse,
        HasLivingPower = h.Fields.HasLivingPower,
        HasProductionPower = h.Fields.HasProductionPower,
        DrinkingWaterDifficult = h.Fields.DrinkingWaterDifficult,
        DrinkingWaterSafe = h.Fields.DrinkingWaterSafe,
        HasSanitaryToilet = h.Fields.HasSanitaryToilet,
        DistanceToMainRoadKm = h.Fields.DistanceToMainRoadKm,
        EntryRoad = h.Fields.EntryRoad,
        MainFuel = h.Fields.MainFuel,
        InCooperative = h.Fields.InCooperative,
        Phone = h.Fields.Phone,
    };
}

/// <summary>The member form's editable state.</summary>
public sealed class MemberFormModel
{
    public string? ResidentId { get; set; }
    public string? Name { get; set; }
    public Sex Sex { get; set; } = Sex.Male;
    public DateOnly BirthDate { get; set; } = new(1980, 1, 1);
    public Relation Relation { get; set; } = Relation.Head;
    public string EthnicityCode { get; set; } = "15";
    public Education Education { get; set; } = Education.JuniorHigh;
    public Schooling Schooling { get; set; } = Schooling.NotInSchool;
    public Health Health { get; set; } = Health.Healthy;
    public int? DisabilityGrade { get; set; }
    public LabourSkill Labour { get; set; } = LabourSkill.Ordinary;
    public MigrantWork? MigrantWork { get; set; }
    public int? MigrantMonths { get; set; }
    public bool MedicalInsurance { get; set; } = true;
    public bool PensionInsurance { get; set; }
    public MemberStatus Status { get; set; } = MemberStatus.Present;

    public MemberFields ToFields() => new()
    {
        ResidentId = ResidentId,
        Name = Name,
        Sex = Sex,
        BirthDate = BirthDate,
        Relation = Relation,
        EthnicityCode = EthnicityCode,
        Education = Education,
        Schooling = Schooling,
        Health = Health,
        DisabilityGrade = Health == Health.Disabled ? DisabilityGrade : null,
        Labour = Labour,
        MigrantWork = MigrantWork,
        MigrantMonths = MigrantMonths,
        MedicalInsurance = MedicalInsurance,
        PensionInsurance = PensionInsurance,
        Status = Status,
    };

    public static MemberFormModel From(MemberView m) => new()
    {
        ResidentId = m.ResidentId.Masked ? null : m.ResidentId.Text,
        Name = m.Name,
        Sex = m.Sex,
        BirthDate = m.BirthDate,
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

    /// <summary>Fills sex and birth date from a valid ID, so that they are typed once.</summary>
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
