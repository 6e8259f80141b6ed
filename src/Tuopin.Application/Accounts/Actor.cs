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

    /// <summary>The name to print or show for this actor: a person's name on paper, never a login where a name is known.</summary>
    public string ShownName => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;

    /// <summary>The operator running a command against the database: every area, every right.</summary>
    public static Actor Operator(string name = "operator") => new(null, name, Role.CountyAdmin, AreaScope.Everything);

    public bool CanSeePersonalData => Permissions.CanSeePersonalData(Role);

    public bool CanWriteRegistry => Permissions.CanWriteRegistry(Role);

    public bool CanWriteConditions => Permissions.CanWriteConditions(Role);
}

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
