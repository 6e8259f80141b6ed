using Tuopin.Domain.Assistance;
using Tuopin.Domain.Housing;

namespace Tuopin.Domain.Tests.Housing;

/// <summary>The transition rule of a housing case: every action from every step, in order, and no payment before a passed acceptance.</summary>
public sealed class HousingCaseTests
{
    // Step, action, last acceptance → allowed?
    public static TheoryData<HousingStep, HousingAction, AcceptanceResult?, bool> Table()
    {
        var allowed = new HashSet<(HousingStep, HousingAction, AcceptanceResult?)>
        {
            (HousingStep.Applied, HousingAction.Approve, null), (HousingStep.Applied, HousingAction.Cancel, null),
            (HousingStep.Approved, HousingAction.StartConstruction, null), (HousingStep.Approved, HousingAction.Cancel, null),
            (HousingStep.UnderConstruction, HousingAction.Accept, null), (HousingStep.UnderConstruction, HousingAction.Cancel, null),
            (HousingStep.UnderConstruction, HousingAction.Accept, AcceptanceResult.Fail), (HousingStep.UnderConstruction, HousingAction.Cancel, AcceptanceResult.Fail),
            (HousingStep.Accepted, HousingAction.Pay, AcceptanceResult.Pass), (HousingStep.Accepted, HousingAction.Cancel, AcceptanceResult.Pass),
        };
        var data = new TheoryData<HousingStep, HousingAction, AcceptanceResult?, bool>();
        foreach (var step in Enum.GetValues<HousingStep>())
        {
            foreach (var action in Enum.GetValues<HousingAction>())
            {
                AcceptanceResult?[] results = step switch
                {
                    HousingStep.UnderConstruction => [null, AcceptanceResult.Fail],
                    HousingStep.Accepted or HousingStep.Paid => [AcceptanceResult.Pass],
                    _ => [null],
                };
                foreach (var result in results) data.Add(step, action, result, allowed.Contains((step, action, result)));
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(Table))]
    public void EveryAction_FromEveryStep_IsAllowedOnlyInOrder(HousingStep step, HousingAction action, AcceptanceResult? last, bool allowed)
    {
        var refusal = HousingCases.Refusal(step, action, last);
        Assert.Equal(allowed, refusal is null);
        if (refusal is { } r) Assert.False(string.IsNullOrWhiteSpace(r.Zh) || string.IsNullOrWhiteSpace(r.En));
        Assert.Equal(allowed, HousingCases.Allowed(step, last).Contains(action));
    }

    [Theory]
    [InlineData(HousingStep.Applied)]
    [InlineData(HousingStep.Approved)]
    [InlineData(HousingStep.UnderConstruction)]
    public void APayment_BeforeAcceptance_IsRefused_SayingSo(HousingStep step)
    {
        var refusal = HousingCases.Refusal(step, HousingAction.Pay)!.Value;
        Assert.Contains("先验收后拨付", refusal.Zh, StringComparison.Ordinal);
        Assert.Contains("no payment before acceptance", refusal.En, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedAcceptance_LeavesTheCaseUnderConstruction_ToBeRedone()
    {
        Assert.Equal(HousingStep.UnderConstruction, HousingCases.After(HousingStep.UnderConstruction, HousingAction.Accept, AcceptanceResult.Fail));
        Assert.Equal(HousingStep.Accepted, HousingCases.After(HousingStep.UnderConstruction, HousingAction.Accept, AcceptanceResult.Pass));
        var refusal = HousingCases.Refusal(HousingStep.UnderConstruction, HousingAction.Pay, AcceptanceResult.Fail)!.Value;
        Assert.Contains("重新验收", refusal.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HousingStep.Applied, MeasureStatus.Planned)]
    [InlineData(HousingStep.Approved, MeasureStatus.InProgress)]
    [InlineData(HousingStep.UnderConstruction, MeasureStatus.InProgress)]
    [InlineData(HousingStep.Accepted, MeasureStatus.InProgress)]
    [InlineData(HousingStep.Paid, MeasureStatus.Done)]
    [InlineData(HousingStep.Cancelled, MeasureStatus.Cancelled)]
    public void TheMeasure_FollowsTheCase(HousingStep step, MeasureStatus status) => Assert.Equal(status, HousingCases.MeasureStatusOf(step));

    [Fact]
    public void AnApplication_IsChecked()
    {
        var today = new DateOnly(2017, 6, 1);
        Assert.Empty(HousingCases.CheckApplication(HousingCaseKind.Renovation, HousingSubsidyCategory.RenovationSubsidy, null, null, today, today));
        Assert.Empty(HousingCases.CheckApplication(HousingCaseKind.Relocation, HousingSubsidyCategory.FixedSubsidy, Settlement.Centralised, "绿水镇安置点", today, today));
        Assert.Equal(["siteName"], HousingCases.CheckApplication(HousingCaseKind.Relocation, HousingSubsidyCategory.BuildSubsidy, Settlement.Centralised, " ", today, today).Select(p => p.Field));
        Assert.Equal(["settlement"], HousingCases.CheckApplication(HousingCaseKind.Relocation, HousingSubsidyCategory.BuildSubsidy, null, null, today, today).Select(p => p.Field));
        // A house that only needs repair is renovated, not relocated.
        Assert.Equal(["kind"], HousingCases.CheckApplication(HousingCaseKind.Relocation, HousingSubsidyCategory.RenovationSubsidy, Settlement.Dispersed, null, today, today).Select(p => p.Field));
        Assert.Equal(["appliedOn"], HousingCases.CheckApplication(HousingCaseKind.Renovation, HousingSubsidyCategory.FixedSubsidy, null, null, today.AddDays(1), today).Select(p => p.Field));
    }
}
