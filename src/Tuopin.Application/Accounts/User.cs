using Microsoft.AspNetCore.Identity;
using Tuopin.Domain.Accounts;

namespace Tuopin.Application.Accounts;

/// <summary>An official's account: a role and the area the role covers.</summary>
public sealed class User : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public Role Role { get; set; }

    public Guid CountyId { get; set; }

    public Guid? TownshipId { get; set; }

    public Guid? VillageId { get; set; }

    /// <summary>The prefecture or province of a regional official (<see cref="Permissions.IsRegional"/>); such an account's county is empty.</summary>
    public Guid? RegionId { get; set; }

    /// <summary>
    /// A regional official's grant, given and taken back by the operator at a shell (<see cref="GrantCountyRecords"/>), to read
    /// the records of the counties of its area, one county at a time, masked and read-only (<see cref="Permissions.CanReadCountyRecords"/>).
    /// </summary>
    public bool ReadsCountyRecords { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set for generated passwords: the user is asked to choose their own.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A line department's department: its rights follow it.</summary>
    public Department? Department { get; set; }

    /// <summary>The unit of the organisation the account works for (<see cref="Domain.Organisation.OrgUnit"/>), if named; it fits the role and area (<see cref="Domain.Organisation.AccountUnitRules"/>).</summary>
    public Guid? UnitId { get; set; }

    /// <summary>When the account was disabled; a disabled account cannot sign in, and its sessions end.</summary>
    public DateTime? DisabledAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    public AreaScope Scope => Permissions.LevelOf(Role) switch
    {
        AreaLevel.Township => AreaScope.Township(CountyId, TownshipId ?? Guid.Empty),
        AreaLevel.Village => AreaScope.Village(CountyId, TownshipId ?? Guid.Empty, VillageId ?? Guid.Empty),
        AreaLevel.Prefecture or AreaLevel.Province => AreaScope.Region(Permissions.LevelOf(Role), RegionId ?? Guid.Empty),
        _ => AreaScope.County(CountyId),
    };

    /// <summary>The account as an actor; whether its unit is in the discipline group is the organisation's to say (<see cref="AccountUnits.ActorAsync"/>).</summary>
    public Actor ToActor(bool disciplineGroup = false) =>
        new(Id, UserName ?? DisplayName, Role, Scope, Role == Role.LineDepartment ? Department : null) { UnitId = UnitId, DisciplineGroup = disciplineGroup && UnitId is not null, CountyRecordsGranted = ReadsCountyRecords && Permissions.CanBeGrantedCountyRecords(Role) };
}
