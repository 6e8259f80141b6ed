using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Tests.Common;

public class MoneyTests
{
    [Theory]
    [InlineData("0.01", 1)]
    [InlineData("12.34", 1234)]
    [InlineData("1.1", 110)]
    [InlineData("1.10", 110)]
    [InlineData("1.000", 100)] // more decimal places, but no fraction of a fen
    [InlineData("-0.01", -1)]
    [InlineData("0", 0)]
    [InlineData("92233720368547758.07", long.MaxValue)]
    public void FromYuan_HoldsWholeFen(string yuan, long fen)
    {
        Assert.Equal(fen, Money.FromYuan(decimal.Parse(yuan, CultureInfo.InvariantCulture)).Fen);
    }

    [Theory]
    [InlineData("0.001")]
    [InlineData("12.345")]
    [InlineData("-0.005")]
    [InlineData("0.0000000001")]
    public void FromYuan_Rejects_MoreThanTwoDecimals(string yuan)
    {
        var ex = Assert.Throws<ArgumentException>(() => Money.FromYuan(decimal.Parse(yuan, CultureInfo.InvariantCulture)));

        Assert.Equal("yuan", ex.ParamName);
        Assert.Contains("more than two decimals", ex.Message);
    }

    [Theory]
    [InlineData("92233720368547758.08")]
    [InlineData("-92233720368547758.09")]
    public void FromYuan_Rejects_AmountsBeyond64BitFen(string yuan)
    {
        Assert.Throws<OverflowException>(() => Money.FromYuan(decimal.Parse(yuan, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Yuan_GivesBackTheExactDecimal()
    {
        Assert.Equal(1234.56m, Money.FromYuan(1234.56m).Yuan);
        Assert.Equal(0.01m, new Money(1).Yuan);
        Assert.Equal(-0.5m, new Money(-50).Yuan);
    }

    [Fact]
    public void Addition_IsExact()
    {
        Assert.Equal(Money.FromYuan(0.3m), Money.FromYuan(0.1m) + Money.FromYuan(0.2m));

        var sum = Money.Zero;
        for (var i = 0; i < 1000; i++) sum += Money.FromYuan(0.01m);
        Assert.Equal(Money.FromYuan(10m), sum);
    }

    [Fact]
    public void Subtraction_IsExact_AndMayGoNegative()
    {
        Assert.Equal(Money.FromYuan(0.1m), Money.FromYuan(0.3m) - Money.FromYuan(0.2m));
        Assert.Equal(new Money(-1), Money.FromYuan(1m) - Money.FromYuan(1.01m));
    }

    [Fact]
    public void Arithmetic_Throws_OnOverflowInsteadOfWrapping()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
        Assert.Throws<OverflowException>(() => new Money(long.MinValue) - new Money(1));
    }

    [Fact]
    public void Comparison_OrdersByAmount()
    {
        var small = Money.FromYuan(0.99m);
        var large = Money.FromYuan(1m);
        var sameAsLarge = new Money(100);

        Assert.True(small < large);
        Assert.False(large < small);
        Assert.True(large > small);
        Assert.False(small > large);
        Assert.True(large <= sameAsLarge);
        Assert.True(large >= sameAsLarge);
        Assert.False(large <= small);
        Assert.False(small >= large);
        Assert.True(small.CompareTo(large) < 0);
        Assert.True(large.CompareTo(small) > 0);
        Assert.Equal(0, large.CompareTo(sameAsLarge));
        Assert.True(new Money(-1) < Money.Zero);
    }

    [Fact]
    public void Sorting_UsesCompareTo()
    {
        Money[] amounts = [new(300), new(-5), Money.Zero, new(20)];

        Assert.Equal([new Money(-5), Money.Zero, new Money(20), new Money(300)], amounts.Order());
    }

    [Fact]
    public void Equality_IsByFen()
    {
        Assert.Equal(Money.FromYuan(1.1m), Money.FromYuan(1.10m));
        Assert.True(Money.FromYuan(2m) == new Money(200));
        Assert.NotEqual(Money.FromYuan(2m), new Money(201));
        Assert.Equal(Money.Zero, default);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void IsNegative_OnlyBelowZero(long fen, bool negative)
    {
        Assert.Equal(negative, new Money(fen).IsNegative);
    }

    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(5, "0.05")]
    [InlineData(-1, "-0.01")]
    [InlineData(110, "1.10")]
    [InlineData(123456780, "1,234,567.80")]
    [InlineData(-100000000, "-1,000,000.00")]
    public void ToString_GroupsThousandsAndShowsTwoDecimals(long fen, string expected)
    {
        Assert.Equal(expected, new Money(fen).ToString());
    }

    [Fact]
    public void ToString_IgnoresCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            Assert.Equal("1,234.50", new Money(123450).ToString());
            Assert.Equal("1.234,50", 1234.50m.ToString("#,##0.00", CultureInfo.CurrentCulture)); // the culture really is in effect
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
