using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>A member as the checks keep it: its row, what the head rule needs, and the ID's blind index ("" when the ID is invalid).</summary>
internal readonly record struct MemberSummary(int Row, Relation Relation, MemberStatus Status, string Index);

/// <summary>
/// A blind index as its 32 bytes (the HMAC-SHA256 in base64url that PersonalDataProtector makes), for the
/// duplicate check; an index of another form is reduced to its SHA-256, so equality stays exact.
/// </summary>
internal readonly struct BlindKey(ulong a, ulong b, ulong c, ulong d) : IEquatable<BlindKey>
{
    private readonly ulong _a = a, _b = b, _c = c, _d = d;

    public static BlindKey Of(string index)
    {
        Span<byte> bytes = stackalloc byte[32];
        if (index.Length != 43 || !System.Buffers.Text.Base64Url.TryDecodeFromChars(index, bytes, out var written) || written != 32)
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(index), bytes);
        return new BlindKey(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }

    public bool Equals(BlindKey other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is BlindKey other && Equals(other);

    // The bytes are a keyed hash already: any 32 of them spread evenly.
    public override int GetHashCode() => (int)_a;
}

/// <summary>A resident ID of the file that the registry already holds, and the ID as the file gives it (for the message).</summary>
internal sealed record TakenId(Guid Household, Guid Member, string ResidentId, string? EarlierInFile = null);

/// <summary>The one pass found a household whose rows are not together; the import starts again keeping every household's fields.</summary>
internal sealed class UngroupedFileException : Exception;

/// <summary>The check found <see cref="ImportErrors.MaxErrors"/> reasons and stopped at this row.</summary>
internal sealed class TooManyErrorsException(int row) : Exception
{
    public int Row { get; } = row;
}

internal sealed record ExistingHousehold(Guid Id, Guid CountyId, Guid TownshipId, Guid VillageId, HouseholdStatus Status, int? ExitYear);

internal sealed class HouseholdDraft(string number, int firstRow, int columns)
{
    public string Number { get; } = number;

    public int FirstRow { get; } = firstRow;

    public List<int> Rows { get; } = [];

    public string?[] Raw { get; private set; } = new string?[columns];

    public object?[] Values { get; private set; } = new object?[columns];

    public int[] RowOf { get; private set; } = new int[columns];

    /// <summary>All its rows have been read (grouped files: the next row is another household's).</summary>
    public bool Closed { get; set; }

    /// <summary>After the check: the raw fields are not needed any more (the record is built).</summary>
    public void DropFields()
    {
        Raw = [];
        Values = [];
        RowOf = [];
        Rows.Clear();
        Rows.TrimExcess();
    }

    /// <summary>What the checks across rows need of each member.</summary>
    public List<MemberSummary> People { get; } = [];

    /// <summary>The members read: written with the household, or (registered households, update mode) kept for the tracked update.</summary>
    public List<MemberDraft> Members { get; } = [];

    public List<HouseholdIncome> Incomes { get; } = [];

    public Household? Entity { get; set; }

    public string? Phone { get; set; }

    public DateOnly? RegisteredOn { get; set; }

    public DateOnly? ExitedOn { get; set; }

    public ExistingHousehold? Existing { get; set; }
}

internal sealed class MemberDraft(int row, Member entity)
{
    public int Row { get; } = row;

    public Member Entity { get; } = entity;

    public string? ResidentId { get; set; }

    public Guid? ExistingId { get; set; }

    public bool Valid { get; set; }
}
