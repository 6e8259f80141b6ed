using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Registry;

public class HouseholdStatusRulesTests
{
    [Theory]
    // Exit: from not exited or returned.
    [InlineData(HouseholdStatus.NotExited, HouseholdStatus.Exited, true)]
    [InlineData(HouseholdStatus.Returned, HouseholdStatus.Exited, true)]
    [InlineData(HouseholdStatus.Exited, HouseholdStatus.Exited, false)]
    [InlineData(HouseholdStatus.Removed, HouseholdStatus.Exited, false)]
    // Return to poverty: from exited.
    [InlineData(HouseholdStatus.Exited, HouseholdStatus.Returned, true)]
    [InlineData(HouseholdStatus.NotExited, HouseholdStatus.Returned, false)]
    [InlineData(HouseholdStatus.Returned, HouseholdStatus.Returned, false)]
    [InlineData(HouseholdStatus.Removed, HouseholdStatus.Returned, false)]
    // Removal: from any status but removed.
    [InlineData(HouseholdStatus.NotExited, HouseholdStatus.Removed, true)]
    [InlineData(HouseholdStatus.Exited, HouseholdStatus.Removed, true)]
    [InlineData(HouseholdStatus.Returned, HouseholdStatus.Removed, true)]
    [InlineData(HouseholdStatus.Removed, HouseholdStatus.Removed, false)]
    // Correction back to not exited: a wrong exit or a wrong removal.
    [InlineData(HouseholdStatus.Exited, HouseholdStatus.NotExited, true)]
    [InlineData(HouseholdStatus.Removed, HouseholdStatus.NotExited, true)]
    [InlineData(HouseholdStatus.NotExited, HouseholdStatus.NotExited, false)]
    [InlineData(HouseholdStatus.Returned, HouseholdStatus.NotExited, false)]
    public void CheckTransition_AllowsOnlyTheDocumentedChanges(HouseholdStatus from, HouseholdStatus to, bool allowed)
    {
        var problem = HouseholdStatusRules.CheckTransition(from, to);

        Assert.Equal(allowed, problem is null);
        if (problem is not null)
        {
            Assert.Equal(HouseholdStatusRules.Code, problem.Code);
            Assert.Equal("to", problem.Field);
            Assert.Contains(Codes.Statuses[from].Zh, problem.Message.Zh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckTransition_NamesTheFieldItIsAskedAbout() =>
        Assert.Equal("kind", HouseholdStatusRules.CheckTransition(HouseholdStatus.NotExited, HouseholdStatus.Returned, "kind")!.Field);

    [Fact]
    public void CheckTransition_RefusesAStatusThatIsNotACode() =>
        Assert.NotNull(HouseholdStatusRules.CheckTransition(HouseholdStatus.NotExited, (HouseholdStatus)9));

    [Theory]
    [InlineData(HouseholdStatus.Exited, HouseholdEventKind.Exit)]
    [InlineData(HouseholdStatus.Returned, HouseholdEventKind.ReturnToPoverty)]
    [InlineData(HouseholdStatus.Removed, HouseholdEventKind.Removal)]
    [InlineData(HouseholdStatus.NotExited, HouseholdEventKind.Correction)]
    public void EventKindOf_NamesTheEventThatBringsTheStatus(HouseholdStatus to, HouseholdEventKind kind) =>
        Assert.Equal(kind, HouseholdStatusRules.EventKindOf(to));
}
