using Tuopin.Domain.Supervision;

namespace Tuopin.Domain.Tests.Supervision;

public sealed class SupervisionRulesTests
{
    public static TheoryData<FindingStatus, FindingAction, bool> Moves => new()
    {
        { FindingStatus.Open, FindingAction.Rectify, true },
        { FindingStatus.Open, FindingAction.Submit, true },
        { FindingStatus.Open, FindingAction.Close, false },
        { FindingStatus.Open, FindingAction.Reopen, false },
        { FindingStatus.Rectifying, FindingAction.Rectify, true },
        { FindingStatus.Rectifying, FindingAction.Submit, true },
        { FindingStatus.Rectifying, FindingAction.Close, false },
        { FindingStatus.Submitted, FindingAction.Rectify, false },
        { FindingStatus.Submitted, FindingAction.Submit, false },
        { FindingStatus.Submitted, FindingAction.Close, true },
        { FindingStatus.Submitted, FindingAction.Reopen, true },
        { FindingStatus.Closed, FindingAction.Rectify, false },
        { FindingStatus.Closed, FindingAction.Close, false },
        { FindingStatus.Closed, FindingAction.Reopen, true },
        { FindingStatus.Reopened, FindingAction.Rectify, true },
        { FindingStatus.Reopened, FindingAction.Submit, true },
        { FindingStatus.Reopened, FindingAction.Close, false },
    };

    [Theory, MemberData(nameof(Moves))]
    public void TheStatusMachine_AllowsOnlyItsMoves(FindingStatus from, FindingAction action, bool allowed)
    {
        Assert.Equal(allowed, SupervisionRules.Allowed(from).Contains(action));
        Assert.Equal(allowed, SupervisionRules.Refusal(from, action) is null);
    }

    [Theory]
    [InlineData(FindingAction.Rectify, FindingStatus.Rectifying)]
    [InlineData(FindingAction.Submit, FindingStatus.Submitted)]
    [InlineData(FindingAction.Close, FindingStatus.Closed)]
    [InlineData(FindingAction.Reopen, FindingStatus.Reopened)]
    public void EachAction_LeadsToItsStatus(FindingAction action, FindingStatus next) => Assert.Equal(next, SupervisionRules.Next(action));

    [Fact]
    public void ClosingBeforeSubmission_IsRefusedWithTheReason() =>
        Assert.Contains("提交后才能销号", SupervisionRules.Refusal(FindingStatus.Rectifying, FindingAction.Close)!.Value.Zh);

    [Theory]
    // deadline, status, as of, overdue
    [InlineData("2017-05-31", FindingStatus.Open, "2017-06-01", true)]
    [InlineData("2017-05-31", FindingStatus.Open, "2017-05-31", false)]
    [InlineData("2017-05-31", FindingStatus.Submitted, "2017-07-01", true)]
    [InlineData("2017-05-31", FindingStatus.Reopened, "2017-07-01", true)]
    [InlineData("2017-05-31", FindingStatus.Closed, "2017-07-01", false)]
    [InlineData("2017-05-31", FindingStatus.Rectifying, "2017-05-01", false)]
    public void Overdue_IsTheDeadlinePassedAndNotClosed(string deadline, FindingStatus status, string asOf, bool overdue) =>
        Assert.Equal(overdue, SupervisionRules.IsOverdue(DateOnly.Parse(deadline), status, DateOnly.Parse(asOf)));

    [Theory]
    [InlineData("2017-05-31", FindingStatus.Closed, "2017-05-31", true)]
    [InlineData("2017-05-31", FindingStatus.Closed, "2017-05-01", true)]
    [InlineData("2017-05-31", FindingStatus.Closed, "2017-06-01", false)]
    [InlineData("2017-05-31", FindingStatus.Submitted, null, false)]
    public void ClosedOnTime_IsClosedOnOrBeforeTheDeadline(string deadline, FindingStatus status, string? closedOn, bool onTime) =>
        Assert.Equal(onTime, SupervisionRules.ClosedOnTime(DateOnly.Parse(deadline), status, closedOn is null ? null : DateOnly.Parse(closedOn)));

    [Fact]
    public void SubmittingNeedsMeasures_AndReopeningAReason()
    {
        Assert.Equal(["finding.measures"], SupervisionRules.Check(FindingAction.Submit, " ", null).Select(p => p.Code));
        Assert.Empty(SupervisionRules.Check(FindingAction.Submit, "已核实整改", null));
        Assert.Equal(["finding.reason"], SupervisionRules.Check(FindingAction.Reopen, null, "").Select(p => p.Code));
        Assert.Empty(SupervisionRules.Check(FindingAction.Close, null, null));
    }

    [Fact]
    public void AFinding_NeedsACategoryADescriptionAndADeadlineAfterTheInspection()
    {
        var day = new DateOnly(2017, 4, 11);
        Assert.Empty(SupervisionRules.CheckFinding(FindingCategory.DataQuality, "档案缺收入核算表", day, day));
        Assert.Equal(["finding.category", "finding.description", "finding.deadline"],
            SupervisionRules.CheckFinding((FindingCategory)42, "", day.AddDays(-1), day).Select(p => p.Code));
        Assert.Equal(7, SupervisionRules.Categories.Items.Count);
        Assert.Equal("识别不精准", SupervisionRules.Categories.Name(FindingCategory.Identification).Zh);
    }

    [Fact]
    public void AnInspection_NeedsATitleInspectorsAndASubject() =>
        Assert.Equal(["inspection.title", "inspection.inspectors", "inspection.subject"],
            SupervisionRules.CheckInspection(InspectionKind.Supervision, 2017, " ", "", false, new DateOnly(2017, 4, 1), null, new DateOnly(2017, 4, 1)).Select(p => p.Code));

    [Theory]
    [InlineData(null, true)]
    [InlineData("2017-04-10", true)]
    [InlineData("2017-04-11", false)]
    [InlineData("2016-03-31", false)]
    [InlineData("2016-04-01", true)]
    public void TheVisitDay_IsNotAfterToday_NorAYearBeforeThePlan(string? visited, bool valid)
    {
        var today = new DateOnly(2017, 4, 10);
        var problems = SupervisionRules.CheckInspection(InspectionKind.Supervision, 2017, "督查", "张督查", true, new DateOnly(2017, 4, 1),
            visited is null ? null : DateOnly.Parse(visited), today);
        Assert.Equal(valid ? [] : ["inspection.visited"], problems.Select(p => p.Code));
        Assert.All(problems, p => Assert.Equal("visitedOn", p.Field));
    }

    [Fact]
    public void AnInspection_IsPlannedUntilItsVisitDayIsRecorded()
    {
        Assert.Equal(InspectionStatus.Planned, SupervisionRules.StatusOf(null));
        Assert.Equal(InspectionStatus.Visited, SupervisionRules.StatusOf(new DateOnly(2017, 4, 11)));
        Assert.Equal("计划中", SupervisionRules.InspectionStatuses.Name(InspectionStatus.Planned).Zh);
    }

    [Fact]
    public void WithFindings_AnInspectionKeepsItsSubjectAndItsVisitDay()
    {
        var day = new DateOnly(2017, 4, 11);
        Assert.Empty(SupervisionRules.CheckInspectionChange(false, true, null));
        Assert.Empty(SupervisionRules.CheckInspectionChange(true, false, day));
        Assert.Equal(["inspection.subject_locked", "inspection.visited_locked"], SupervisionRules.CheckInspectionChange(true, true, null).Select(p => p.Code));
        Assert.Equal(["subject", "visitedOn"], SupervisionRules.CheckInspectionChange(true, true, null).Select(p => p.Field));
    }

    [Fact]
    public void AFinding_ComesFromAVisit_NotFromAPlannedInspection()
    {
        var planned = SupervisionRules.CheckFinding(FindingCategory.DataQuality, "档案缺收入核算表", new DateOnly(2017, 5, 1), null);
        Assert.Equal(["finding.not_visited"], planned.Select(p => p.Code));
        Assert.Equal("inspectionId", planned.Single().Field);
    }
}
