using Tuopin.Domain.Notices;

namespace Tuopin.Domain.Tests.Notices;

/// <summary>The public notices' masking of names and their period: what a villager may read, and for how long.</summary>
public sealed class NoticeRulesTests
{
    [Theory]
    [InlineData("张三明", "张*明")]
    [InlineData("张三", "张*")]
    [InlineData("张", "*")]
    [InlineData("欧阳小明", "欧**明")]
    [InlineData("  李四  ", "李*")]
    [InlineData("买买提·吐尔逊", "买*****逊")]
    [InlineData("𠀀小明", "𠀀*明")]
    [InlineData("", "*")]
    [InlineData(null, "*")]
    public void MaskName_KeepsTheFirstAndLastCharacter_AndMasksTheRest(string? name, string masked) =>
        Assert.Equal(masked, NoticeRules.MaskName(name));

    [Fact]
    public void MaskName_NeverShowsTheWholeNameOfMoreThanOneCharacter()
    {
        foreach (var name in new[] { "王五", "赵六七", "司马相如啊" })
        {
            var masked = NoticeRules.MaskName(name);
            Assert.NotEqual(name, masked);
            Assert.Contains('*', masked);
            Assert.Equal(name.Length, masked.Length);
        }
    }

    [Theory]
    [InlineData(-1, 10, false)] // not started: never shown
    [InlineData(0, 10, true)]
    [InlineData(6, 10, true)] // the last day of the period
    [InlineData(7, 10, true)] // ended, kept
    [InlineData(16, 10, true)] // the last kept day
    [InlineData(17, 10, false)] // gone
    [InlineData(7, 0, false)] // the county keeps nothing after the end
    public void ANotice_IsShownFromItsStart_UntilTheKeepDaysAfterItsEnd(int day, int keep, bool shown)
    {
        var starts = new DateOnly(2016, 10, 1);
        var ends = starts.AddDays(6);
        Assert.Equal(shown, NoticeRules.IsShown(starts, ends, starts.AddDays(day), keep));
    }

    [Theory]
    [InlineData(0, 7, true)]
    [InlineData(6, 1, true)]
    [InlineData(7, 0, false)]
    public void DaysLeft_CountsTodayAndTheLastDay(int day, int left, bool running)
    {
        var starts = new DateOnly(2016, 10, 1);
        var ends = starts.AddDays(6);
        Assert.Equal(left, NoticeRules.DaysLeft(ends, starts.AddDays(day)));
        Assert.Equal(running, NoticeRules.IsRunning(starts, ends, starts.AddDays(day)));
    }
}
