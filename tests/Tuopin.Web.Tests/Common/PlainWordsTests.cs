using Tuopin.Application.Registry;
using Tuopin.Web.Components;

namespace Tuopin.Web.Tests.Common;

/// <summary>What users read never shows a developer's key: field keys are named in words, or not at all.</summary>
public sealed class PlainWordsTests
{
    [Theory]
    [InlineData("userName", "登录名")]
    [InlineData("member.name", "姓名")]
    [InlineData("member.birthDate", "出生日期")]
    [InlineData("rows[12].residentId", "身份证号码")]
    [InlineData("incomes[0].year", "年度")]
    public void AFieldKey_IsNamedByItsLabel(string key, string label) => Assert.Equal(label, FieldLabels.Of(key));

    [Fact]
    public void AFieldKeyWithoutALabel_IsNotShownRaw() => Assert.Null(FieldLabels.Of("somethingNew.internalKey"));

    [Fact]
    public void TheDemosBulkRecord_ReadsAsWords_NotKeyValueLines()
    {
        var entry = new HistoryEntry(new DateTime(2017, 6, 1, 8, 0, 0, DateTimeKind.Utc), "演示数据", "Bulk", "Household", Guid.NewGuid(),
            """{"source":"demo","seed":20150101,"households":21897,"members":78913,"incomes":40000,"statusChanges":15000,"villageGroups":1500,"villagePopulations":"illustrative"}""", null);

        var lines = HistoryText.Changes(new UiText(), entry).ToList();

        Assert.Contains("来源：来凤县演示数据（示意，人员均为虚构）", lines);
        Assert.Contains("户数：21,897", lines);
        Assert.Contains("人数：78,913", lines);
        Assert.DoesNotContain(lines, l => l.Contains("households", StringComparison.Ordinal) || l.Contains("villagePopulations", StringComparison.Ordinal) || l.Contains(": ", StringComparison.Ordinal));
    }
}
