namespace Tuopin.Domain.Accounts;

/// <summary>The roles of officials who sign in.</summary>
public enum Role
{
    /// <summary>县扶贫办 / 信息管理组: the whole county, configures and approves.</summary>
    CountyAdmin = 1,

    /// <summary>乡镇扶贫开发办: one township.</summary>
    TownshipOfficer = 2,

    /// <summary>村扶贫信息员 / 驻村工作队: one village.</summary>
    VillageOfficer = 3,

    /// <summary>县直职能部门: reads the county, reports its own indicators.</summary>
    LineDepartment = 4,

    /// <summary>督办评估组 / 纪委监察: reads all, writes inspections.</summary>
    Inspector = 5,

    /// <summary>市州扶贫办: reads the roll-ups of the counties of one prefecture (市/州); no household, no personal data, no writes.</summary>
    PrefectureOfficial = 6,

    /// <summary>省扶贫办: reads the roll-ups of the counties of one province; no household, no personal data, no writes.</summary>
    ProvinceOfficial = 7,
}

/// <summary>
/// The county department a line-department account works for (县直职能部门). Its rights follow it: a
/// department reports the indicators it is responsible for, and nothing else.
/// </summary>
public enum Department
{
    /// <summary>交通运输局: roads and bus service.</summary>
    Transport = 1,

    /// <summary>水利局: drinking water.</summary>
    Water = 2,

    /// <summary>供电公司: electricity.</summary>
    Power = 3,

    /// <summary>经信局（通信）: broadband and mobile signal.</summary>
    Telecom = 4,

    /// <summary>文体广电局: radio and television, cultural centres.</summary>
    Culture = 5,

    /// <summary>教育局.</summary>
    Education = 6,

    /// <summary>卫计局.</summary>
    Health = 7,

    /// <summary>民政局: service centres, the social floor.</summary>
    CivilAffairs = 8,

    /// <summary>农业局: industry support and asset income.</summary>
    Agriculture = 9,

    /// <summary>人社局: employment and skills training.</summary>
    HumanResources = 10,

    /// <summary>住建局: dangerous-house renovation.</summary>
    Housing = 11,

    /// <summary>发改局: relocation.</summary>
    Development = 12,

    /// <summary>金融办: micro-credit.</summary>
    Finance = 13,

    /// <summary>林业局: ecological compensation and public-welfare posts.</summary>
    Forestry = 14,
}

public static class Departments
{
    /// <summary>The codes used on the command line and in the API, e.g. <c>transport</c>.</summary>
    public static string Code(Department d) => d.ToString().ToLowerInvariant() switch { "civilaffairs" => "civil-affairs", "humanresources" => "human-resources", var c => c };

    public static Department? FromCode(string? code) =>
        Enum.GetValues<Department>().Cast<Department?>().FirstOrDefault(d => string.Equals(Code(d!.Value), code?.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(Name(d!.Value).Zh, code?.Trim(), StringComparison.Ordinal));

    public static Common.LocalText Name(Department d) => d switch
    {
        Department.Transport => new("交通运输局", "Transport bureau"),
        Department.Water => new("水利局", "Water bureau"),
        Department.Power => new("供电公司", "Power company"),
        Department.Telecom => new("经信局（通信）", "Economy and IT bureau (telecom)"),
        Department.Culture => new("文体广电局", "Culture, sports, radio and TV bureau"),
        Department.Education => new("教育局", "Education bureau"),
        Department.Health => new("卫计局", "Health bureau"),
        Department.CivilAffairs => new("民政局", "Civil affairs bureau"),
        Department.Agriculture => new("农业局", "Agriculture bureau"),
        Department.HumanResources => new("人社局", "Human resources and social security bureau"),
        Department.Housing => new("住建局", "Housing and construction bureau"),
        Department.Development => new("发改局", "Development and reform bureau"),
        Department.Finance => new("金融办", "Finance office"),
        Department.Forestry => new("林业局", "Forestry bureau"),
        _ => new(d.ToString(), d.ToString()),
    };
}

/// <summary>Everything is for the operator of the database at a shell, never for a signed-in user.</summary>
public enum AreaLevel { Everything = 0, County = 1, Township = 2, Village = 3, Province = 4, Prefecture = 5 }

/// <summary>
/// The area a user works in: the whole county, one township, or one village; or, above the county, one prefecture or
/// province (<see cref="RegionId"/>), whose officials read roll-ups only: their county, township and village keys are
/// empty, so that every area-filtered query (which never asks for the region) sees nothing, as <see cref="Nothing"/> does.
/// </summary>
public sealed record AreaScope(AreaLevel Level, Guid CountyId, Guid? TownshipId, Guid? VillageId)
{
    /// <summary>The prefecture or province of a <see cref="AreaLevel.Prefecture"/> or <see cref="AreaLevel.Province"/> scope; null below.</summary>
    public Guid? RegionId { get; init; }

    /// <summary>A scope above the county: a prefecture's or a province's roll-ups, and no record of any county.</summary>
    public static AreaScope Region(AreaLevel level, Guid regionId) => level is AreaLevel.Prefecture or AreaLevel.Province
        ? new(level, Guid.Empty, Guid.Empty, Guid.Empty) { RegionId = regionId }
        : throw new ArgumentOutOfRangeException(nameof(level), level, "A region is a prefecture or a province.");

    /// <summary>Above the county: the records of no county are in it (only their roll-ups).</summary>
    public bool IsRegion => Level is AreaLevel.Prefecture or AreaLevel.Province;

    /// <summary>No area at all: sees nothing. The default, so that a forgotten scope hides data instead of showing it.</summary>
    public static readonly AreaScope Nothing = new(AreaLevel.Village, Guid.Empty, Guid.Empty, Guid.Empty);

    public static readonly AreaScope Everything = new(AreaLevel.Everything, Guid.Empty, null, null);

    public static AreaScope County(Guid countyId) => new(AreaLevel.County, countyId, null, null);

    public static AreaScope Township(Guid countyId, Guid townshipId) => new(AreaLevel.Township, countyId, townshipId, null);

    public static AreaScope Village(Guid countyId, Guid townshipId, Guid villageId) => new(AreaLevel.Village, countyId, townshipId, villageId);

    public bool Covers(Guid countyId, Guid townshipId, Guid villageId) => Level switch
    {
        AreaLevel.Everything => true,
        AreaLevel.Province or AreaLevel.Prefecture => false,
        _ when CountyId == Guid.Empty => false,
        AreaLevel.County => countyId == CountyId,
        AreaLevel.Township => countyId == CountyId && townshipId == TownshipId,
        _ => countyId == CountyId && townshipId == TownshipId && villageId == VillageId,
    };
}

/// <summary>What each role may do. The server asks these on every request.</summary>
public static class Permissions
{
    /// <summary>The officials of a prefecture or a province (市州、省扶贫办): above the county, they read roll-ups and nothing else.</summary>
    public static bool IsRegional(Role role) => role is Role.PrefectureOfficial or Role.ProvinceOfficial;

    /// <summary>The county's records (and every page and endpoint over them): the county's own roles, never the regional ones.</summary>
    public static bool CanReadRegistry(Role role) => Enum.IsDefined(role) && !IsRegional(role);

    /// <summary>
    /// The roll-up of counties (households, people, exits by year, incidence, by county): the prefecture's and the
    /// province's officials over their area, and the county office over its own county (as a check of what they see).
    /// </summary>
    public static bool CanReadRollup(Role role) => role is Role.PrefectureOfficial or Role.ProvinceOfficial or Role.CountyAdmin;

    public static bool CanWriteRegistry(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageOfficer;

    /// <summary>Full resident ID and phone numbers: only the roles that register and verify people.</summary>
    public static bool CanSeePersonalData(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageOfficer;

    /// <summary>
    /// Village conditions (roads, water, power, services): the officials of the area, and the line
    /// departments responsible for the indicators (交通、水利、电力…), across the county.
    /// </summary>
    public static bool CanWriteConditions(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageOfficer or Role.LineDepartment;

    public static bool CanManageUsers(Role role) => role == Role.CountyAdmin;

    /// <summary>
    /// The county's audit log (who changed what, when; sign-ins, reads of personal data, exports): the county
    /// office and the inspectors (督办评估组 / 纪委监察), over the whole county. Officers of a township or village
    /// see a household's own history on its page, not the county's log.
    /// </summary>
    public static bool CanReadAuditLog(Role role, AreaLevel level) =>
        role is Role.CountyAdmin or Role.Inspector && level is AreaLevel.County or AreaLevel.Everything;

    /// <summary>The list of villages paid from the fund ledger and their household-benefit notices (户受益公示): the county office publishes, inspectors read, over the whole county.</summary>
    public static bool CanReadBenefitNotices(Role role, AreaLevel level) =>
        role is Role.CountyAdmin or Role.Inspector && level is AreaLevel.County or AreaLevel.Everything;

    /// <summary>
    /// The county's planning and oversight (减贫方案, 第三方评估): the roles that work for the county or a
    /// township (the plan names townships as responsible units, and a township's exit answers to it). A
    /// village officer records the village's households and procedures; the county's plan and its outside
    /// evaluation are not a village's work.
    /// </summary>
    public static bool CanReadCountyPlanning(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.LineDepartment or Role.Inspector;

    /// <summary>
    /// The HTTP API's reference (and its OpenAPI document): for the county's information-management group and
    /// the line departments whose own systems report indicators. Officers and inspectors use the pages.
    /// </summary>
    public static bool CanReadApiReference(Role role) => role is Role.CountyAdmin or Role.LineDepartment;

    /// <summary>
    /// A household's poverty status (exit, return, removal) and exit year change only by the county's
    /// decision (县级审定): the status-change action or the exit procedure's announcement. Forms and
    /// imports of other roles may not change them.
    /// </summary>
    public static bool CanApproveStatusChange(Role role) => role == Role.CountyAdmin;

    /// <summary>
    /// The officials above the county never change a record of a county, whatever they read (ADR 0016): neither on their
    /// roll-up nor while reading a county's records on their grant. The save guard asks this of the account's own role.
    /// </summary>
    public static bool NeverWrites(Role ownRole) => IsRegional(ownRole);

    /// <summary>
    /// Who may be granted to read the records of the counties of their area (masked, read-only; ADR 0016): the officials of
    /// a prefecture or a province, whose grant the operator gives at a shell. The county's own roles read their county anyway.
    /// </summary>
    public static bool CanBeGrantedCountyRecords(Role role) => IsRegional(role);

    /// <summary>
    /// The role whose reading a granted official has inside the one county they read: the inspector's (督办评估组), who reads
    /// the whole county and sees personal data masked. Its writes (inspections, flags, the evaluation) are not theirs:
    /// <see cref="NeverWrites"/> holds for them.
    /// </summary>
    public const Role CountyRecordsReadAs = Role.Inspector;

    /// <summary>
    /// Whether an official may read the records of a county, masked and read-only: a prefecture's official granted and the
    /// county placed under their prefecture, or a province's official granted and the county's prefecture in their province.
    /// Asked of the account as it is now (its grant, its region) and of the county's place now, on every request.
    /// </summary>
    /// <param name="role">The account's own role.</param>
    /// <param name="regionId">The account's prefecture or province.</param>
    /// <param name="granted">Whether the operator granted the account its counties' records.</param>
    /// <param name="countyPrefectureId">The prefecture the county is placed under (none in a database of one county).</param>
    /// <param name="countyProvinceId">The province of that prefecture.</param>
    public static bool CanReadCountyRecords(Role role, Guid? regionId, bool granted, Guid? countyPrefectureId, Guid? countyProvinceId) =>
        granted && regionId is { } region && region != Guid.Empty && role switch
        {
            Role.PrefectureOfficial => countyPrefectureId == region,
            Role.ProvinceOfficial => countyProvinceId == region,
            _ => false,
        };

    /// <summary>The area level a role works at.</summary>
    public static AreaLevel LevelOf(Role role) => role switch
    {
        Role.TownshipOfficer => AreaLevel.Township,
        Role.VillageOfficer => AreaLevel.Village,
        Role.PrefectureOfficial => AreaLevel.Prefecture,
        Role.ProvinceOfficial => AreaLevel.Province,
        _ => AreaLevel.County,
    };
}
