using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Registry;

public class AgesTests
{
    [Theory]
    [InlineData("1980-05-20", "2025-05-19", 44)]
    [InlineData("1980-05-20", "2025-05-20", 45)]
    [InlineData("1980-05-20", "2025-05-21", 45)]
    [InlineData("1980-05-20", "1980-05-20", 0)]
    [InlineData("2024-12-31", "2025-01-01", 0)]
    [InlineData("2000-02-29", "2001-02-27", 0)] // leap-day birth: not yet one before the end of February
    [InlineData("2000-02-29", "2001-03-01", 1)] // and one by March
    [InlineData("2000-02-29", "2004-02-29", 4)]
    public void On_CountsWholeYearsCompleted(string birth, string day, int expected)
    {
        Assert.Equal(expected, Ages.On(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
