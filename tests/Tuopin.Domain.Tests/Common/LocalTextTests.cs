using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Tests.Common;

public class LocalTextTests
{
    private static readonly LocalText Text = new("户主", "Head");

    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    public void For_EnglishCulture_GivesEnglish(string culture)
    {
        Assert.Equal("Head", Text.For(CultureInfo.GetCultureInfo(culture)));
    }

    [Theory]
    [InlineData("zh-Hans")]
    [InlineData("zh-CN")]
    [InlineData("fr-FR")]
    public void For_AnyOtherCulture_GivesChinese(string culture)
    {
        Assert.Equal("户主", Text.For(CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void For_InvariantCulture_GivesChinese()
    {
        Assert.Equal("户主", Text.For(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CurrentAndToString_FollowCurrentUICulture()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("Head", Text.Current);
            Assert.Equal("Head", Text.ToString());

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("户主", Text.Current);
            Assert.Equal("户主", Text.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
