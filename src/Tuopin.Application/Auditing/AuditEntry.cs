namespace Tuopin.Application.Auditing;

public enum AuditAction { Insert = 1, Update = 2, Delete = 3, Bulk = 4 }

/// <summary>
/// One change of one record: who, when, what, with the values before and after. Written in the
/// same transaction as the change, never updated or deleted. Personal data appears masked.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    public DateTime At { get; set; }

    public Guid? UserId { get; set; }

    public required string UserName { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>The entity's type name, e.g. Member.</summary>
    public required string EntityType { get; set; }

    public Guid EntityId { get; set; }

    /// <summary>The household the record belongs to, for the household's history.</summary>
    public Guid? HouseholdId { get; set; }

    /// <summary>JSON: { "field": { "old": ..., "new": ... } }.</summary>
    public required string Changes { get; set; }

    /// <summary>Why the change was made, where the user said.</summary>
    public string? Reason { get; set; }

    /// <summary>All entries of one save share it.</summary>
    public Guid CorrelationId { get; set; }
}
