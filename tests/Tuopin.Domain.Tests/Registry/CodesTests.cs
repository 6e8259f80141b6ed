using System.Globalization;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Registry;

public class CodesTests
{
    /// <summary>Every enum value is listed once, its code is its number, and no text finds two items.</summary>
    private static void AssertComplete<T>(CodeList<T> list) where T : struct, Enum
    {
        Assert.Equal(Enum.GetValues<T>().Order(), list.Items.Select(i => i.Value).Order());
        foreach (var item in list.Items)
        {
            Assert.Equal(Convert.ToInt32(item.Value, CultureInfo.InvariantCulture), int.Parse(item.Code, CultureInfo.InvariantCulture));
            Assert.True(list.Contains(item.Value));
            Assert.Same(item, list[item.Value]);
            foreach (var text in new[] { item.Code, item.Zh, item.En })
            {
                Assert.True(list.TryFind(text, out var found), text);
                Assert.Equal(item.Value, found.Value);
            }
        }
        AssertDistinctTexts(list);
    }

    private static void AssertDistinctTexts<T>(CodeList<T> list) where T : notnull
    {
        var texts = list.Items.SelectMany(i => new[] { i.Code, i.Zh, i.En }).ToList();
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(list.Items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Zh));
            Assert.False(string.IsNullOrWhiteSpace(i.En));
        });
    }

    [Fact] public void Standards_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Standards);

    [Fact] public void Attributes_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Attributes);

    [Fact] public void Causes_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Causes);

    [Fact] public void Statuses_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Statuses);

    [Fact] public void Relations_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Relations);

    [Fact] public void Educations_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Educations);

    [Fact] public void Schoolings_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Schoolings);

    [Fact] public void Healths_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Healths);

    [Fact] public void LabourSkills_ListEveryValueUnderItsNumber() => AssertComplete(Codes.LabourSkills);

    [Fact] public void MigrantWorks_ListEveryValueUnderItsNumber() => AssertComplete(Codes.MigrantWorks);

    [Fact] public void Housings_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Housings);

    [Fact] public void EntryRoads_ListEveryValueUnderItsNumber() => AssertComplete(Codes.EntryRoads);

    [Fact] public void Fuels_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Fuels);

    [Fact] public void MemberStatuses_ListEveryValueUnderItsNumber() => AssertComplete(Codes.MemberStatuses);

    [Fact] public void Sexes_ListEveryValueUnderItsNumber() => AssertComplete(Codes.Sexes);

    [Fact]
    public void Causes_HaveTwoDigitCodes()
    {
        Assert.All(Codes.Causes.Items, i => Assert.Equal(2, i.Code.Length));
        Assert.All(Codes.Relations.Items, i => Assert.Equal(2, i.Code.Length));
    }

    [Theory]
    [InlineData("01", "汉族")]
    [InlineData("02", "蒙古族")]
    [InlineData("03", "回族")]
    [InlineData("04", "藏族")]
    [InlineData("05", "维吾尔族")]
    [InlineData("06", "苗族")]
    [InlineData("07", "彝族")]
    [InlineData("08", "壮族")]
    [InlineData("12", "侗族")]
    [InlineData("13", "瑶族")]
    [InlineData("14", "白族")]
    [InlineData("15", "土家族")]
    [InlineData("37", "仡佬族")]
    [InlineData("56", "基诺族")]
    [InlineData("98", "外国血统中国籍人士")]
    public void Ethnicities_UseGbT3304Codes(string code, string zh)
    {
        Assert.True(Codes.Ethnicities.Contains(code));
        Assert.Equal(zh, Codes.Ethnicities[code].Zh);
    }

    [Fact]
    public void Ethnicities_List56GroupsThenOtherAndNaturalised()
    {
        var codes = Codes.Ethnicities.Items.Select(i => i.Code).ToList();

        Assert.Equal(Enumerable.Range(1, 56).Select(n => n.ToString("D2", CultureInfo.InvariantCulture)).Append("97").Append("98"), codes);
        Assert.All(Codes.Ethnicities.Items, i => Assert.Equal(i.Code, i.Value));
        AssertDistinctTexts(Codes.Ethnicities);
    }

    [Fact]
    public void Ethnicities_AreNotTheOldProjectCodes()
    {
        // The project reference once gave 苗族 05 and 土家族 07; the standard says 05 维吾尔族 and 07 彝族.
        Assert.NotEqual("苗族", Codes.Ethnicities["05"].Zh);
        Assert.NotEqual("土家族", Codes.Ethnicities["07"].Zh);
    }
}
