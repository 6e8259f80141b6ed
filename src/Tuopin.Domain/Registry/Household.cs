using Tuopin.Domain.Common;

namespace Tuopin.Domain.Registry;

/// <summary>
/// A registered poor household (建档立卡贫困户) with the fields of the national form. Later work
/// (assistance measures, projects, funds, exit procedures) links to it by <see cref="Id"/>.
/// </summary>
public sealed class Household : IAreaBound
{
    public Guid Id { get; set; }

    /// <summary>The household number (户编号): the village code and a 4-digit sequence.</summary>
    public required string Number { get; set; }

    // The place is denormalised to county and township so that every area-scoped query
    // filters on one indexed column, at a county's size and at a province's.
    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public Guid? GroupId { get; set; }

    public int RegistrationYear { get; set; }

    public IdentificationStandard Standard { get; set; } = IdentificationStandard.National;

    public HouseholdAttribute Attribute { get; set; } = HouseholdAttribute.General;

    public PovertyCause MainCause { get; set; }

    public PovertyCause? OtherCause1 { get; set; }

    public PovertyCause? OtherCause2 { get; set; }

    public HousingSafety Housing { get; set; } = HousingSafety.Safe;

    /// <summary>Housing floor area in m².</summary>
    public decimal? HousingArea { get; set; }

    public bool IsAdobeHouse { get; set; }

    public bool HasLivingPower { get; set; } = true;

    public bool HasProductionPower { get; set; }

    public bool DrinkingWaterDifficult { get; set; }

    public bool DrinkingWaterSafe { get; set; } = true;

    public bool HasSanitaryToilet { get; set; }

    /// <summary>Distance to the village's main road, km.</summary>
    public decimal? DistanceToMainRoadKm { get; set; }

    public EntryRoad? EntryRoad { get; set; }

    public Fuel? MainFuel { get; set; }

    public bool InCooperative { get; set; }

    /// <summary>The contact phone, protected at rest (see IPersonalDataProtector).</summary>
    public string? PhoneCipher { get; set; }

    public HouseholdStatus Status { get; set; } = HouseholdStatus.NotExited;

    public int? ExitYear { get; set; }

    /// <summary>
    /// 家庭人口: the members present. Kept with every change of members, so that counts of people by
    /// area and status are one grouped query over households at any scale.
    /// </summary>
    public int Size { get; set; }

    /// <summary>The bulk load (demo data set, import) that wrote the household, if it came in bulk.</summary>
    public Guid? BatchId { get; set; }

    /// <summary>Optimistic concurrency: every change to the household or its members raises it.</summary>
    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<Member> Members { get; set; } = [];

    public List<HouseholdIncome> Incomes { get; set; } = [];

    public List<HouseholdStatusChange> StatusChanges { get; set; } = [];

    /// <summary>
    /// When the household ceased to exist as a registered household (merged into another, 合户). It stays
    /// in the database with its history; counts leave it out from this date.
    /// </summary>
    public DateOnly? ClosedOn { get; set; }

    /// <summary>Recounts <see cref="Size"/> from the members, which must all be loaded.</summary>
    public void CountMembers() => Size = Members.Count(m => m.Status == MemberStatus.Present);

    /// <summary>Places a member in this household, and in its area for the area rules.</summary>
    public void Adopt(Member member)
    {
        member.HouseholdId = Id;
        member.CountyId = CountyId;
        member.TownshipId = TownshipId;
        member.VillageId = VillageId;
    }

    public IEnumerable<PovertyCause> Causes()
    {
        yield return MainCause;
        if (OtherCause1 is { } c1) yield return c1;
        if (OtherCause2 is { } c2) yield return c2;
    }
}

/// <summary>A member of a household (家庭成员).</summary>
public sealed class Member : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid HouseholdId { get; set; }

    public Household? Household { get; set; }

    // The household's place, repeated so that area rules and member searches need no join.
    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public required string Name { get; set; }

    /// <summary>The stated sex; must agree with the resident ID.</summary>
    public Sex Sex { get; set; }

    /// <summary>The stated birth date; must agree with the resident ID.</summary>
    public DateOnly BirthDate { get; set; }

    /// <summary>The resident ID, encrypted at rest.</summary>
    public required string ResidentIdCipher { get; set; }

    /// <summary>A keyed hash of the resident ID (blind index) for exact search and uniqueness.</summary>
    public required string ResidentIdIndex { get; set; }

    public Relation Relation { get; set; }

    /// <summary>GB/T 3304 code, e.g. "15" for 土家族.</summary>
    public string EthnicityCode { get; set; } = "01";

    public Education Education { get; set; }

    public Schooling Schooling { get; set; } = Schooling.NotInSchool;

    public Health Health { get; set; } = Health.Healthy;

    /// <summary>Disability grade 1–4 when <see cref="Health"/> is Disabled.</summary>
    public int? DisabilityGrade { get; set; }

    public LabourSkill Labour { get; set; }

    public MigrantWork? MigrantWork { get; set; }

    /// <summary>Months of migrant work in the year.</summary>
    public int? MigrantMonths { get; set; }

    /// <summary>In basic medical insurance (城乡居民基本医疗保险 / 新农合).</summary>
    public bool MedicalInsurance { get; set; }

    /// <summary>In basic pension insurance (城乡居民基本养老保险).</summary>
    public bool PensionInsurance { get; set; }

    public MemberStatus Status { get; set; } = MemberStatus.Present;

    /// <summary>When the member joined the household by an event (birth, marriage, moving in, split, merge); null: since registration.</summary>
    public DateOnly? JoinedOn { get; set; }

    /// <summary>When the member left the registry (death, marriage out, moving out of the county); null while present.</summary>
    public DateOnly? LeftOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A household's income in one year (yuan, exact). Education, medical and housing subsidies are
/// not income for exit and have no field here.
/// </summary>
public sealed class HouseholdIncome : IHouseholdOwned
{
    public Guid Id { get; set; }

    public Guid HouseholdId { get; set; }

    public Household? Household { get; set; }

    public int Year { get; set; }

    /// <summary>Members counted for the per-capita figure that year.</summary>
    public int HouseholdSize { get; set; }

    public Money Wage { get; set; }               // 工资性收入

    public Money Production { get; set; }         // 生产经营性收入

    public Money Property { get; set; }           // 财产性收入

    public Money FamilyPlanning { get; set; }     // 计划生育金

    public Money Dibao { get; set; }              // 低保金

    public Money Wubao { get; set; }              // 五保金 / 特困供养金

    public Money Pension { get; set; }            // 养老保险金

    public Money EcoCompensation { get; set; }    // 生态补偿金

    public Money OtherTransfer { get; set; }      // 其他转移性收入

    public Money ProductionExpense { get; set; }  // 生产经营性支出

    public Money Transfer => FamilyPlanning + Dibao + Wubao + Pension + EcoCompensation + OtherTransfer;

    public Money Total => Wage + Production + Property + Transfer;

    /// <summary>家庭纯收入 = total income − production expenses.</summary>
    public Money Net => Total - ProductionExpense;

    /// <summary>人均纯收入 = net ÷ household size, in yuan (not rounded).</summary>
    public decimal PerCapitaNet => HouseholdSize > 0 ? Net.Yuan / HouseholdSize : 0m;

    public IEnumerable<(string Field, Money Amount)> Parts()
    {
        yield return (nameof(Wage), Wage);
        yield return (nameof(Production), Production);
        yield return (nameof(Property), Property);
        yield return (nameof(FamilyPlanning), FamilyPlanning);
        yield return (nameof(Dibao), Dibao);
        yield return (nameof(Wubao), Wubao);
        yield return (nameof(Pension), Pension);
        yield return (nameof(EcoCompensation), EcoCompensation);
        yield return (nameof(OtherTransfer), OtherTransfer);
        yield return (nameof(ProductionExpense), ProductionExpense);
    }
}

/// <summary>
/// One event in a household's life (动态管理): registration, exit, return to poverty, removal, birth, death,
/// marriage, moving, split, merge, or a correction. Dated, explained, never deleted. Each event keeps the
/// household's status and size after it, so the registry as of any date is one query over the latest
/// event of each household on or before that date. (The class keeps its first name, a status change, which
/// every event also is: <see cref="To"/> is the status after it.)
/// </summary>
public sealed class HouseholdStatusChange : IHouseholdOwned
{
    public Guid Id { get; set; }

    public Guid HouseholdId { get; set; }

    public Household? Household { get; set; }

    public HouseholdEventKind Kind { get; set; } = HouseholdEventKind.Registration;

    /// <summary>1, 2, 3… in the household's order of events, which is also their date order.</summary>
    public int Sequence { get; set; }

    /// <summary>The day the change took effect.</summary>
    public DateOnly Date { get; set; }

    public HouseholdStatus? From { get; set; }

    /// <summary>The poverty status after the event.</summary>
    public HouseholdStatus To { get; set; }

    /// <summary>The exit year when <see cref="To"/> is Exited.</summary>
    public int? Year { get; set; }

    /// <summary>家庭人口 after the event: the members present.</summary>
    public int SizeAfter { get; set; }

    /// <summary>True when the event ends the household (merged into another).</summary>
    public bool Closed { get; set; }

    /// <summary>
    /// The household's township and village after the event, so that counts as of a date place a household
    /// that later moved where it was then. Null on events written before this was kept (and by bulk imports,
    /// which write no moves): the household's current place.
    /// </summary>
    public Guid? TownshipIdAfter { get; set; }

    public Guid? VillageIdAfter { get; set; }

    /// <summary>The member the event is about (born, died, married, moved).</summary>
    public Guid? MemberId { get; set; }

    /// <summary>The other household of a split or merge.</summary>
    public Guid? RelatedHouseholdId { get; set; }

    /// <summary>The document that decides or proves the change (文号), e.g. 来扶办〔2017〕12号.</summary>
    public string? DocumentNumber { get; set; }

    /// <summary>What the evidence is (death certificate, marriage certificate, village vote…).</summary>
    public string? Evidence { get; set; }

    /// <summary>An attached file (scan of the evidence), once attachments exist; not linked yet.</summary>
    public Guid? AttachmentId { get; set; }

    public required string Reason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>The kinds of change in a household's life (动态管理的事项).</summary>
public enum HouseholdEventKind
{
    Registration = 1, Exit = 2, ReturnToPoverty = 3, Removal = 4, Birth = 5, Death = 6, MarriageIn = 7,
    MarriageOut = 8, MoveIn = 9, MoveOut = 10, MoveVillage = 11, Split = 12, Merge = 13, Correction = 14,
}

/// <summary>Encrypts personal data at rest and computes its blind index. Implemented outside the domain.</summary>
public interface IPersonalDataProtector
{
    string Protect(string plain);

    string Unprotect(string cipher);

    /// <summary>A keyed hash: equal inputs give equal outputs; the input cannot be recovered.</summary>
    string Index(string plain);
}
