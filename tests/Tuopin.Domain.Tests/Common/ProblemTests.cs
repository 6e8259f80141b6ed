using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Tests.Common;

public class ProblemTests
{
    [Theory]
    [InlineData("en", "members[1].name: The name is required")]
    [InlineData("zh-CN", "members[1].name: 姓名不能为空")]
    public void ToString_GivesFieldAndMessageInUICulture(string culture, string expected)
    {
        var problem = new Problem("members[1].name", "member.name_required", new LocalText("姓名不能为空", "The name is required"));
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

            Assert.Equal(expected, problem.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void Equality_IsByFieldCodeAndMessage()
    {
        var message = new LocalText("甲", "A");

        Assert.Equal(new Problem("f", "c", message), new Problem("f", "c", new LocalText("甲", "A")));
        Assert.NotEqual(new Problem("f", "c", message), new Problem("g", "c", message));
        Assert.NotEqual(new Problem("f", "c", message), new Problem("f", "d", message));
        Assert.NotEqual(new Problem("f", "c", message), new Problem("f", "c", new LocalText("甲", "B")));
    }
}
