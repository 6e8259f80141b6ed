using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Domain.Tests.Projects;

/// <summary>The project lifecycle: each step allowed only next, on a day in order; approval's document, the notice's minimum,
/// tender after the notice and never while an objection holds it, within the budget; acceptance needs who and the result.</summary>
public sealed class ProjectRulesTests
{
    private static readonly DateOnly Today = new(2016, 6, 30);

    private static Project At(ProjectStep step, bool held = false) => new()
    {
        Code = "LF2016-11-001", Name = "三胡乡黄柏园村通组公路", OutputUnit = "公里", RecordedBy = "t", Step = step, Budget = Money.FromYuan(1_000_000m),
        ApprovedOn = step >= ProjectStep.Approved ? new DateOnly(2016, 3, 1) : null,
        NoticeStartsOn = step >= ProjectStep.Notice ? new DateOnly(2016, 3, 10) : null,
        NoticeEndsOn = step >= ProjectStep.Notice ? new DateOnly(2016, 3, 16) : null,
        HeldByObjection = held,
        AcceptanceResult = step >= ProjectStep.Accepted ? "合格" : null,
    };

    public static TheoryData<ProjectStep, ProjectStep, string, string?> Cases => new()
    {
        // from, step, on, the reason's words (null: allowed)
        { ProjectStep.Planned, ProjectStep.Applied, "2016-02-01", null },
        { ProjectStep.Planned, ProjectStep.Approved, "2016-02-01", "下一步应为「申报」" },
        { ProjectStep.Planned, ProjectStep.Tendered, "2016-02-01", "不能跳到「招标采购」" },
        { ProjectStep.Applied, ProjectStep.Applied, "2016-02-01", "已经办理过" },
        { ProjectStep.Applied, ProjectStep.Approved, "2016-07-01", "晚于今天" },
        { ProjectStep.Approved, ProjectStep.Notice, "2016-02-28", "早于上一环节的日期 2016-03-01" },
        { ProjectStep.Notice, ProjectStep.Tendered, "2016-03-16", "公示期到 2016-03-16 才结束" },
        { ProjectStep.Notice, ProjectStep.Tendered, "2016-03-17", null },
        { ProjectStep.Implementing, ProjectStep.Accepted, "2016-06-01", null },
        { ProjectStep.Closed, ProjectStep.Closed, "2016-06-01", "项目已销号" },
        { ProjectStep.Accepted, ProjectStep.Closed, "2016-06-01", "下一步应为「报账」" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Steps_AreTakenInOrder_OnDaysInOrder(ProjectStep from, ProjectStep step, string on, string? reason)
    {
        var input = new ProjectStepInput(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), "来扶贫发〔2016〕1号", 7, "来凤县路桥公司", Money.FromYuan(900_000m), "县交通局", "合格");
        var why = ProjectRules.CanTake(At(from), step, Today, input);
        if (reason is null) Assert.Null(why);
        else
        {
            Assert.NotNull(why);
            Assert.Contains(reason, why.Value.Zh, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(why.Value.En));
        }
    }

    [Theory]
    [InlineData(null, "立项批复文号")]
    [InlineData("  ", "立项批复文号")]
    [InlineData("来扶贫发〔2016〕1号", null)]
    public void Approval_NeedsTheDocumentNumber(string? document, string? reason)
    {
        var why = ProjectRules.CanTake(At(ProjectStep.Applied), ProjectStep.Approved, Today, new ProjectStepInput(new DateOnly(2016, 3, 1), document));
        Assert.Equal(reason is null, why is null);
        if (reason is not null) Assert.Contains(reason, why!.Value.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, 7, null)]
    [InlineData(6, 7, "不得少于7天")]
    [InlineData(9, 10, "不得少于10天")]
    [InlineData(10, 10, null)]
    [InlineData(null, 7, "不得少于7天")]
    public void TheNotice_LastsAtLeastTheCountysMinimum(int? days, int minimum, string? reason)
    {
        var why = ProjectRules.CanTake(At(ProjectStep.Approved), ProjectStep.Notice, Today, new ProjectStepInput(new DateOnly(2016, 3, 10), NoticeDays: days), minimum);
        Assert.Equal(reason is null, why is null);
        if (reason is not null) Assert.Contains(reason, why!.Value.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("来凤县路桥公司", "1000000.00", false, null)]
    [InlineData("来凤县路桥公司", "1000000.01", false, "超过项目预算")]
    [InlineData("", "500000", false, "中标或供货单位")]
    [InlineData("来凤县路桥公司", "0", false, "合同金额")]
    [InlineData("来凤县路桥公司", "500000", true, "异议")]
    public void Tender_WithinTheBudget_WithAContractor_AndNeverWhileHeld(string contractor, string amount, bool held, string? reason)
    {
        var input = new ProjectStepInput(new DateOnly(2016, 4, 1), Contractor: contractor, ContractAmount: Money.FromYuan(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
        var why = ProjectRules.CanTake(At(ProjectStep.Notice, held), ProjectStep.Tendered, Today, input);
        Assert.Equal(reason is null, why is null);
        if (reason is not null) Assert.Contains(reason, why!.Value.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeldProject_DoesNotStart_AndAnUnqualifiedOneIsNotReimbursed()
    {
        Assert.Contains("异议", ProjectRules.CanTake(At(ProjectStep.Tendered, held: true), ProjectStep.Implementing, Today, new ProjectStepInput(new DateOnly(2016, 4, 2)))!.Value.Zh, StringComparison.Ordinal);
        var failed = At(ProjectStep.Accepted);
        failed.AcceptanceResult = "不合格，需整改";
        Assert.NotNull(ProjectRules.CanTake(failed, ProjectStep.Reimbursed, Today, new ProjectStepInput(new DateOnly(2016, 6, 1))));
        Assert.Null(ProjectRules.CanTake(At(ProjectStep.Accepted), ProjectStep.Reimbursed, Today, new ProjectStepInput(new DateOnly(2016, 6, 1))));
    }

    [Theory]
    [InlineData("县交通局", "合格", null)]
    [InlineData("", "合格", "验收单位或人员")]
    [InlineData("县交通局", null, "验收结论")]
    public void Acceptance_NeedsWhoAndTheResult(string by, string? result, string? reason)
    {
        var why = ProjectRules.CanTake(At(ProjectStep.Implementing), ProjectStep.Accepted, Today, new ProjectStepInput(new DateOnly(2016, 6, 1), AcceptedBy: by, AcceptanceResult: result));
        Assert.Equal(reason is null, why is null);
        if (reason is not null) Assert.Contains(reason, why!.Value.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Applying_TheNotice_SetsItsLastDay_AndTheAlertCountsNinetyDaysWithoutAStart()
    {
        var p = At(ProjectStep.Approved);
        ProjectRules.Apply(p, ProjectStep.Notice, new ProjectStepInput(new DateOnly(2016, 3, 10), NoticeDays: 7));
        Assert.Equal((new DateOnly(2016, 3, 10), new DateOnly(2016, 3, 16)), (p.NoticeStartsOn!.Value, p.NoticeEndsOn!.Value));
        Assert.False(ProjectRules.ApprovedButNotStarted(p, new DateOnly(2016, 5, 30)));
        Assert.True(ProjectRules.ApprovedButNotStarted(p, new DateOnly(2016, 5, 31)));
        p.StartedOn = new DateOnly(2016, 5, 1);
        p.Step = ProjectStep.Implementing;
        Assert.False(ProjectRules.ApprovedButNotStarted(p, new DateOnly(2016, 12, 31)));
    }

    [Theory]
    [InlineData(ProjectStep.Implementing, 50, 40, null)]
    [InlineData(ProjectStep.Implementing, 30, 40, "不能倒退")]
    [InlineData(ProjectStep.Implementing, 101, 0, "0至100")]
    [InlineData(ProjectStep.Tendered, 10, 0, "实施中的项目")]
    public void Progress_IsReportedWhileImplementing_AndNeverGoesBack(ProjectStep step, int percent, int before, string? reason)
    {
        var p = At(step);
        p.ProgressPercent = before;
        var why = ProjectRules.CanReportProgress(p, percent);
        Assert.Equal(reason is null, why is null);
        if (reason is not null) Assert.Contains(reason, why!.Value.Zh, StringComparison.Ordinal);
    }
}
