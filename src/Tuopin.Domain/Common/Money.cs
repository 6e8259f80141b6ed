using System.Globalization;

namespace Tuopin.Domain.Common;

/// <summary>
/// An exact amount of yuan, held as whole fen (分). Both databases store the fen as a 64-bit integer,
/// so sums are exact on SQLite and PostgreSQL alike.
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
            throw new ArgumentException($"{yuan} 元 has more than two decimals", nameof(yuan));
        return new Money(checked((long)fen));
    }

    public decimal Yuan => Fen / 100m;

    public bool IsNegative => Fen < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    public override string ToString() => Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
