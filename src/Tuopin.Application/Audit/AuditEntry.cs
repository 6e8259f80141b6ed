namespace Tuopin.Application.Audit;

/// <summary>What an entry records. Changes are Insert to Bulk (≤ Bulk); the rest record access.</summary>
public enum AuditAction
{
    Insert = 1,
    Update = 2,
    Delete = 3,
    Bulk = 4,

    /// <summary>A successful sign-in (page or token).</summary>
    SignIn = 5,

    /// <summary>A refused sign-in: wrong password, unknown name, slowed down, or a disabled account.</summary>
    SignInRefused = 6,

    /// <summary>Unmasked personal data was shown to the user (a household with its resident IDs and phone, a paper).</summary>
    Read = 7,

    /// <summary>A file of the records was written out (a spreadsheet, a report, an archive).</summary>
    Export = 8,
}

/// <summary>
/// One change of one record — or a sign-in, a read of personal data, an export: who, when, what, with
/// the values before and after. Written in the same transaction as the change, never updated or
/// deleted (the database refuses it), and chained: each entry's <see cref="Hash"/> covers its content
/// and the entry before it, so that a changed or missing entry is found by <c>tuopin audit verify</c>.
/// Personal data appears masked.
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

    /// <summary>
    /// The township of the record changed or read, where it has one (a household's records take their
    /// household's), so that the county's log can be filtered by area. Null for a county-wide record (a setting,
    /// the plan, an account), a sign-in, and entries written before areas were recorded.
    /// </summary>
    public Guid? TownshipId { get; set; }

    /// <summary>The village of the record, where it belongs to one (null for a township-level record).</summary>
    public Guid? VillageId { get; set; }

    /// <summary>
    /// The county the entry belongs to, so that in a database of several counties each county's log holds its own entries
    /// alone (<see cref="AuditCounties"/>): the county of the record changed or read (a household's records take their
    /// household's), else the actor's — a sign-in the account's, an export or a county-wide record's change the county of
    /// whoever made it. In its hash when present. Null for entries written before entries carried a county, and for what
    /// belongs to no county (an unknown name's refused sign-in, the operator's backups, an official above the county on
    /// their roll-up).
    /// </summary>
    public Guid? CountyId { get; set; }

    /// <summary>JSON: { "field": { "old": ..., "new": ... } }.</summary>
    public required string Changes { get; set; }

    /// <summary>Why the change was made, where the user said.</summary>
    public string? Reason { get; set; }

    /// <summary>All entries of one save share it.</summary>
    public Guid CorrelationId { get; set; }

    /// <summary>The client's address, for sign-ins and reads (null for changes made at a shell).</summary>
    public string? Client { get; set; }

    /// <summary>The entry's place in the chain: 1, 2, 3 … without gaps.</summary>
    public long? Sequence { get; set; }

    /// <summary>SHA-256 (hex) of the previous entry's hash and this entry's content.</summary>
    public string? Hash { get; set; }
}

/// <summary>The chain's head: the last sequence given and its hash. One row; claiming it orders concurrent writers.</summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }

    public long Sequence { get; set; }

    public required string Hash { get; set; }
}
