using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Common;

public class CodeListTests
{
    [Theory]
    [InlineData("01", PovertyCause.Illness)]
    [InlineData("10", PovertyCause.PoorTransport)]
    [InlineData("99", PovertyCause.Other)]
    public void TryFind_FindsByCode(string text, PovertyCause expected)
    {
        Assert.True(Codes.Causes.TryFind(text, out var item));
        Assert.Equal(expected, item.Value);
    }

    [Theory]
    [InlineData("因病", PovertyCause.Illness)]
    [InlineData("缺劳动力", PovertyCause.LackOfLabour)]
    [InlineData("自身发展动力不足", PovertyCause.LackOfDrive)]
    public void TryFind_FindsByChineseName(string text, PovertyCause expected)
    {
        Assert.True(Codes.Causes.TryFind(text, out var item));
        Assert.Equal(expected, item.Value);
    }

    [Theory]
    [InlineData("Illness", PovertyCause.Illness)]
    [InlineData("illness", PovertyCause.Illness)]
    [InlineData("ILLNESS", PovertyCause.Illness)]
    [InlineData("lack of LAND", PovertyCause.LackOfLand)]
    [InlineData("Schooling costs", PovertyCause.Schooling)]
    public void TryFind_FindsByEnglishName_IgnoringCase(string text, PovertyCause expected)
    {
        Assert.True(Codes.Causes.TryFind(text, out var item));
        Assert.Equal(expected, item.Value);
    }

    [Theory]
    [InlineData("1", PovertyCause.Illness)]
    [InlineData("9", PovertyCause.LackOfCapital)]
    public void TryFind_FindsTwoDigitCode_TypedWithoutLeadingZero(string text, PovertyCause expected)
    {
        Assert.True(Codes.Causes.TryFind(text, out var item));
        Assert.Equal("0" + text, item.Code);
        Assert.Equal(expected, item.Value);
    }

    [Theory]
    [InlineData(" 01 ", PovertyCause.Illness)]
    [InlineData("\t因残\n", PovertyCause.Disability)]
    [InlineData(" 2 ", PovertyCause.Disability)]
    public void TryFind_TrimsSurroundingWhiteSpace(string text, PovertyCause expected)
    {
        Assert.True(Codes.Causes.TryFind(text, out var item));
        Assert.Equal(expected, item.Value);
    }

    [Theory]
    [InlineData("因穷")]
    [InlineData("Poverty")]
    [InlineData("12")]
    [InlineData("100")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.0")]
    [InlineData("01x")]
    [InlineData("因 病")]
    public void TryFind_Fails_ForUnknownText(string text)
    {
        Assert.False(Codes.Causes.TryFind(text, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryFind_Fails_ForMissingText(string? text)
    {
        Assert.False(Codes.Causes.TryFind(text, out _));
    }

    [Fact]
    public void TryFind_FindsOneDigitCodes()
    {
        Assert.True(Codes.Statuses.TryFind("2", out var item));
        Assert.Equal(HouseholdStatus.Exited, item.Value);
        Assert.True(Codes.MigrantWorks.TryFind("9", out var other));
        Assert.Equal(MigrantWork.Other, other.Value);
    }

    [Fact]
    public void TryFind_GivesTheWholeItem()
    {
        Assert.True(Codes.Causes.TryFind("因学", out var item));

        Assert.Equal(new CodeItem<PovertyCause>(PovertyCause.Schooling, "03", "因学", "Schooling costs"), item);
        Assert.Equal(new LocalText("因学", "Schooling costs"), item.Name);
    }

    [Fact]
    public void Indexer_GivesItemOfValue()
    {
        var item = Codes.Causes[PovertyCause.LackOfWater];

        Assert.Equal("06", item.Code);
        Assert.Equal("缺水", item.Zh);
        Assert.Equal("Lack of water", item.En);
    }

    [Fact]
    public void Indexer_Throws_ForUnknownValue()
    {
        Assert.Throws<KeyNotFoundException>(() => Codes.Causes[(PovertyCause)12]);
    }

    [Fact]
    public void Contains_OnlyListedValues()
    {
        Assert.True(Codes.Causes.Contains(PovertyCause.Other));
        Assert.False(Codes.Causes.Contains((PovertyCause)0));
        Assert.False(Codes.Causes.Contains((PovertyCause)12));
    }

    [Fact]
    public void Name_GivesBothLanguages_OrTheRawValueWhenUnknown()
    {
        Assert.Equal(new LocalText("女", "Female"), Codes.Sexes.Name(Sex.Female));
        Assert.Equal(new LocalText("7", "7"), Codes.Sexes.Name((Sex)7));
    }

    [Fact]
    public void Field_NamesTheListInBothLanguages()
    {
        Assert.Equal(new LocalText("致贫原因", "Cause of poverty"), Codes.Causes.Field);
    }

    [Fact]
    public void Items_KeepTheirOrder()
    {
        var list = new CodeList<int>("甲", "A", new(3, "3", "三", "Three"), new(1, "1", "一", "One"), new(2, "2", "二", "Two"));

        Assert.Equal([3, 1, 2], list.Items.Select(i => i.Value));
    }

    [Fact]
    public void TryFind_PrefersTheFirstItem_WhenTwoShareAText()
    {
        var list = new CodeList<int>("甲", "A", new(1, "1", "同名", "Same"), new(2, "2", "同名", "same"));

        Assert.True(list.TryFind("同名", out var byZh));
        Assert.True(list.TryFind("SAME", out var byEn));
        Assert.Equal(1, byZh.Value);
        Assert.Equal(1, byEn.Value);
        Assert.True(list.TryFind("2", out var byCode));
        Assert.Equal(2, byCode.Value);
    }

    [Theory]
    [InlineData("01", "汉族", "Han")]
    [InlineData("06", "苗族", "Miao")]
    [InlineData("15", "土家族", "Tujia")]
    public void Ethnicities_FindByGbT3304CodeOrName(string code, string zh, string en)
    {
        foreach (var text in new[] { code, zh, en, en.ToUpperInvariant() })
        {
            Assert.True(Codes.Ethnicities.TryFind(text, out var item), text);
            Assert.Equal(code, item.Value);
            Assert.Equal(code, item.Code);
            Assert.Equal(zh, item.Zh);
        }
    }

    [Theory]
    [InlineData("1", "01")]
    [InlineData("6", "06")]
    public void Ethnicities_FindCodeTypedWithoutLeadingZero(string text, string code)
    {
        Assert.True(Codes.Ethnicities.TryFind(text, out var item));
        Assert.Equal(code, item.Value);
    }
}
