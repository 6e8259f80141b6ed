using Tuopin.Domain.Accounts;

namespace Tuopin.Application.Accounts;

/// <summary>Who is acting: a signed-in official, or the operator of the database at a shell.</summary>
public sealed record Actor(Guid? UserId, string UserName, Role Role, AreaScope Scope, Department? Department = null)
{
    /// <summary>The client's address (for the audit of sign-ins and reads); null at a shell.</summary>
    public string? Client { get; init; }

    /// <summary>The person's name as the county knows them (张三, 县扶贫办管理员), where known; the login otherwise.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The unit of the organisation the account works for, if it names one.</summary>
    public Guid? UnitId { get; init; }

    /// <summary>
    /// The account's unit is the discipline group (执纪问责组) or one of its member departments, as the organisation said
    /// when the account signed in (<see cref="AccountUnits"/>); its accountability rights follow (<see cref="Supervision.SupervisionAccess.CanWriteCases"/>).
    /// </summary>
    public bool DisciplineGroup { get; init; }

    /// <summary>
    /// The operator granted this account (a prefecture's or province's official) to read the records of the counties of its
    /// area, masked and read-only (<see cref="Permissions.CanReadCountyRecords"/>): their roll-up offers each county's records.
    /// </summary>
    public bool CountyRecordsGranted { get; init; }

    /// <summary>
    /// Set while a granted official of a prefecture or province reads one county of their area (ADR 0016): the actor then has
    /// that county's scope and reads as its inspector does (<see cref="Permissions.CountyRecordsReadAs"/>), and this keeps who
    /// they are — their own role and region, for their roll-up and for the rule that they never write.
    /// </summary>
    public CountyReading? Reading { get; init; }

    /// <summary>The account's own role: a regional official's while they read a county, else <see cref="Role"/>.</summary>
    public Role OwnRole => Reading?.Role ?? Role;

    /// <summary>The account's own area: a regional official's region while they read a county, else <see cref="Scope"/>.</summary>
    public AreaScope OwnScope => Reading?.Region ?? Scope;

    /// <summary>An official above the county, on their roll-up or reading a county: no record is theirs to change (<see cref="Permissions.NeverWrites"/>).</summary>
    public bool WritesNothing => Permissions.NeverWrites(OwnRole);

    /// <summary>A granted regional official reading one county of their area: its scope, the inspector's reading, no write, personal data masked.</summary>
    public static Actor ReadingCounty(Guid userId, string userName, Role ownRole, AreaScope region, Guid countyId) =>
        Permissions.CanBeGrantedCountyRecords(ownRole) && region.IsRegion
            ? new(userId, userName, Permissions.CountyRecordsReadAs, AreaScope.County(countyId)) { Reading = new CountyReading(ownRole, region), CountyRecordsGranted = true }
            : throw new ArgumentException("Only a prefecture's or a province's official reads a county on a grant.", nameof(ownRole));

    /// <summary>The name to print or show for this actor: a person's name on paper, never a login where a name is known.</summary>
    public string ShownName => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;

    /// <summary>The operator running a command against the database: every area, every right.</summary>
    public static Actor Operator(string name = "operator") => new(null, name, Role.CountyAdmin, AreaScope.Everything);

    public bool CanSeePersonalData => !WritesNothing && Permissions.CanSeePersonalData(Role);

    public bool CanWriteRegistry => !WritesNothing && Permissions.CanWriteRegistry(Role);

    public bool CanWriteConditions => !WritesNothing && Permissions.CanWriteConditions(Role);

    /// <summary>
    /// The county's audit log (<see cref="Permissions.CanReadAuditLog"/>), its own county's entries alone
    /// (<see cref="Audit.AuditCounties"/>): an official above the county reading a county reads it as that county's inspector.
    /// </summary>
    public bool CanReadAuditLog => Permissions.CanReadAuditLog(Role, Scope.Level);
}

/// <summary>Who a regional official reading a county is: their own role (市州、省扶贫办) and their prefecture's or province's scope.</summary>
public sealed record CountyReading(Role Role, AreaScope Region);

/// <summary>The actor of the current request or circuit.</summary>
public interface ICurrentActor
{
    /// <summary>The actor, or null when nobody is signed in.</summary>
    Actor? Actor { get; }
}

public sealed class FixedActor(Actor actor) : ICurrentActor
{
    public Actor? Actor { get; } = actor;
}
