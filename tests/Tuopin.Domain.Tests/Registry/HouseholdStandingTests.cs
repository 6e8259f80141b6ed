using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Registry;

public class HouseholdStandingTests
{
    [Theory]
    [InlineData(HouseholdStatus.NotExited, null, true)]
    [InlineData(HouseholdStatus.Returned, 2015, true)]
    [InlineData(HouseholdStatus.Exited, 2017, true)]       // exits after the year
    [InlineData(HouseholdStatus.Exited, 2016, false)]      // exits in the year
    [InlineData(HouseholdStatus.Exited, 2015, false)]
    [InlineData(HouseholdStatus.Exited, null, true)]       // no exit year: not shown to have exited
    [InlineData(HouseholdStatus.Removed, null, false)]
    [InlineData(HouseholdStatus.Removed, 2015, false)]
    public void IsPoorAtEndOf_ReadsTheStatusAndTheExitYear(HouseholdStatus status, int? exitYear, bool poor) =>
        Assert.Equal(poor, HouseholdStanding.IsPoorAtEndOf(2016, status, exitYear));

    [Theory]
    [InlineData(HouseholdStatus.Exited, 2016, true, true)]
    [InlineData(HouseholdStatus.Exited, 2015, true, false)]
    [InlineData(HouseholdStatus.Exited, 2017, false, false)]
    [InlineData(HouseholdStatus.Exited, null, false, false)]
    [InlineData(HouseholdStatus.Returned, 2015, false, false)]   // returned: no longer counted as exited
    [InlineData(HouseholdStatus.NotExited, null, false, false)]
    [InlineData(HouseholdStatus.Removed, 2015, false, false)]
    public void ExitedByAndIn_CountOnlyHouseholdsStillExited(HouseholdStatus status, int? exitYear, bool by, bool inYear)
    {
        Assert.Equal(by, HouseholdStanding.HasExitedBy(2016, status, exitYear));
        Assert.Equal(inYear, HouseholdStanding.HasExitedIn(2016, status, exitYear));
    }

    [Theory]
    [InlineData(HouseholdStatus.NotExited, null, true)]
    [InlineData(HouseholdStatus.Returned, 2014, true)]
    [InlineData(HouseholdStatus.Exited, 2016, true)]       // its exit is checked in the year
    [InlineData(HouseholdStatus.Exited, 2017, true)]
    [InlineData(HouseholdStatus.Exited, 2015, false)]
    [InlineData(HouseholdStatus.Removed, null, false)]
    public void AssessedIn_IsPoorAtTheEndOfThePreviousYear(HouseholdStatus status, int? exitYear, bool assessed) =>
        Assert.Equal(assessed, HouseholdStanding.IsAssessedIn(2016, status, exitYear));

    [Theory]
    [InlineData(HouseholdStatus.NotExited, true, true)]
    [InlineData(HouseholdStatus.Returned, true, true)]
    [InlineData(HouseholdStatus.Exited, true, false)]
    [InlineData(HouseholdStatus.Removed, false, false)]
    public void RegisteredAndPoorNow(HouseholdStatus status, bool registered, bool poor)
    {
        Assert.Equal(registered, HouseholdStanding.IsRegistered(status));
        Assert.Equal(poor, HouseholdStanding.IsPoor(status));
    }

    [Fact]
    public void TheExpressions_AgreeWithTheFunctions_OnEveryStatusAndYear()
    {
        int?[] exitYears = [null, 2014, 2015, 2016, 2017];
        var households = (from status in Enum.GetValues<HouseholdStatus>()
                          from exitYear in exitYears
                          select new Household { Number = $"{status}-{exitYear}", Status = status, ExitYear = exitYear }).ToList();
        foreach (var year in new[] { 2014, 2015, 2016, 2017 })
        {
            var poor = HouseholdStanding.PoorAtEndOf(year).Compile();
            var exitedBy = HouseholdStanding.ExitedBy(year).Compile();
            var exitedIn = HouseholdStanding.ExitedIn(year).Compile();
            var assessed = HouseholdStanding.AssessedIn(year).Compile();
            foreach (var h in households)
            {
                Assert.Equal(HouseholdStanding.IsPoorAtEndOf(year, h.Status, h.ExitYear), poor(h));
                Assert.Equal(HouseholdStanding.HasExitedBy(year, h.Status, h.ExitYear), exitedBy(h));
                Assert.Equal(HouseholdStanding.HasExitedIn(year, h.Status, h.ExitYear), exitedIn(h));
                Assert.Equal(HouseholdStanding.IsAssessedIn(year, h.Status, h.ExitYear), assessed(h));
            }
        }
        Assert.All(households, h => Assert.Equal(HouseholdStanding.IsRegistered(h.Status), HouseholdStanding.Registered().Compile()(h)));
        Assert.All(households, h => Assert.Equal(HouseholdStanding.IsPoor(h.Status), HouseholdStanding.Poor().Compile()(h)));
    }
}
