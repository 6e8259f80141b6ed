using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Organisation;

/// <summary>The kinds of unit the plan's organisation names (工作措施 1, 2).</summary>
public enum UnitKind
{
    /// <summary>县实施精准扶贫收入倍增工作领导小组 (the county's leading group, 指挥部).</summary>
    LeadingGroup = 1,

    /// <summary>The ten working groups (综合协调 … 执纪问责), each led by a county leader.</summary>
    WorkingGroup = 2,

    /// <summary>The six special teams (工作专班) of the leading group's office.</summary>
    SpecialTeam = 3,

    /// <summary>A county department (县直职能部门); its members head it, and it may station village work teams.</summary>
    Department = 4,

    /// <summary>A township's poverty office (乡镇扶贫开发办), whose first director is the township's deputy party secretary.</summary>
    TownshipOffice = 5,

    /// <summary>A village's responsibility unit: its party secretary and its resident work team (驻村工作队, kept in the assistance work).</summary>
    VillageTeam = 6,
}

/// <summary>
/// A unit of the county's poverty-alleviation organisation: the leading group, a working group, a special team, a
/// county department, a township office or a village's team. A working group and a special team sit under the leading
/// group; a department under the working group it is a member of. A township office belongs to its township, a
/// village team to its village (and shows the village's resident work team in place, kept in the assistance work, rather than copying it). The names a plan file
/// uses for the unit (县扶贫倍增领导小组, 县文体广新局) are its aliases: a plan's responsible unit is matched on them,
/// never guessed.
/// </summary>
public sealed class OrgUnit : ICountyBound
{
    public const int MaxNameLength = 60;

    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public UnitKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Other names of the unit, separated by 、 (e.g. 县扶贫倍增领导小组).</summary>
    public string? Aliases { get; set; }

    /// <summary>The leading group of a working group or special team; the working group of a department.</summary>
    public Guid? ParentId { get; set; }

    public Guid? TownshipId { get; set; }

    public Guid? VillageId { get; set; }

    /// <summary>The department a line-department account names (<see cref="Accounts.Department"/>), so its rights follow the unit.</summary>
    public Department? Department { get; set; }

    /// <summary>职责.</summary>
    public string? Duty { get; set; }

    /// <summary>The order of the unit among its siblings (the plan's order of the working groups).</summary>
    public int Order { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }

    public IEnumerable<string> Names() =>
        new[] { Name }.Concat((Aliases ?? string.Empty).Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>A person in a unit with their position (组长, 副组长, 主任, 局长, 村支部书记 …); the leader and the first responsible person (第一责任人) marked.</summary>
public sealed class UnitPerson : ICountyBound
{
    public const int MaxNameLength = 30;

    public Guid Id { get; set; }

    public Guid UnitId { get; set; }

    public Guid CountyId { get; set; }

    public required string Name { get; set; }

    /// <summary>职务, e.g. 县委副书记, 局长, 第一主任.</summary>
    public required string Position { get; set; }

    /// <summary>Leads the unit (组长, 主任, 局长).</summary>
    public bool IsLeader { get; set; }

    /// <summary>第一责任人: of a stationed unit its head, of a village its party secretary and its work team's leader, of a township office its first director.</summary>
    public bool IsFirstResponsible { get; set; }

    public int Order { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A plan target's responsible unit, matched from the plan's free text (<see cref="Text"/>): one unit, or every unit of a
/// kind where the plan names them all (各乡镇人民政府). The plan keeps its words; these rows say which units they mean.
/// </summary>
public sealed class TargetResponsibility : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    /// <summary>The plan target's key, e.g. <c>conditions.road_village</c>.</summary>
    public required string TargetKey { get; set; }

    public Guid? UnitId { get; set; }

    /// <summary>Every unit of this kind (各乡镇, 县直各责任部门), when the plan names a kind rather than a unit.</summary>
    public UnitKind? AllOfKind { get; set; }

    /// <summary>The plan's name this row was matched from.</summary>
    public required string Text { get; set; }

    public DateTime MatchedAt { get; set; }

    public required string MatchedBy { get; set; }
}
