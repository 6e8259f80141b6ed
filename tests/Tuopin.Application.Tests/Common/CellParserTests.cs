using Tuopin.Application.Common;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Tests.Common;

/// <summary>Values as people type them in county spreadsheets, parsed in the one place every import uses.</summary>
public sealed class CellParserTests
{
    private static readonly LocalText Column = new("是否通生活用电", "Living power");

    [Theory]
    [InlineData("是", true)] [InlineData("否", false)]
    [InlineData("√", true)] [InlineData("×", false)] [InlineData("✓", true)] [InlineData("✗", false)]
    [InlineData("有", true)] [InlineData("无", false)]
    [InlineData("Y", true)] [InlineData("N", false)] [InlineData("y", true)] [InlineData("n", false)]
    [InlineData("1", true)] [InlineData("0", false)] [InlineData(" 是 ", true)] [InlineData("ｙ", true)]
    public void YesAndNo(string text, bool value)
    {
        Assert.Equal(value, CellParser.Bool(text, Column, out var fault));
        Assert.Null(fault);
    }

    [Theory]
    [InlineData("也许")] [InlineData("是否")] [InlineData("2")]
    public void NeitherYesNorNo_IsAFaultNamingTheColumn(string text)
    {
        Assert.Null(CellParser.Bool(text, Column, out var fault));
        Assert.Equal("value.not_yes_no", fault!.Code);
        Assert.Contains("是否通生活用电", fault.Message.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5000", "5000")] [InlineData("5,000", "5000")] [InlineData("5,000元", "5000")] [InlineData("5000 元", "5000")]
    [InlineData("1，234.50", "1234.50")] [InlineData("¥1,200", "1200")] [InlineData("'3000", "3000")] [InlineData("１２００", "1200")]
    [InlineData("1.2E3", "1200")]
    public void Amounts(string text, string value)
    {
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), CellParser.Decimal(text, Column, out var fault));
        Assert.Null(fault);
    }

    [Theory]
    [InlineData("3万元")] [InlineData("五千")] [InlineData("5000元整")]
    public void AmountsThatAreNotPlainNumbers_AreFaults(string text)
    {
        Assert.Null(CellParser.Decimal(text, Column, out var fault));
        Assert.Equal("value.not_number", fault!.Code);
    }

    [Theory]
    [InlineData("2016", 2016)] [InlineData("2016年", 2016)] [InlineData("1,200", 1200)] [InlineData("1200户", 1200)] [InlineData("4人", 4)] [InlineData("12.0", 12)]
    public void WholeNumbers(string text, int value) => Assert.Equal(value, CellParser.Int(text, Column, out _));

    [Theory]
    [InlineData("1961-11-07")] [InlineData("1961/11/7")] [InlineData("1961.11.07")] [InlineData("19611107")] [InlineData("1961年11月7日")] [InlineData("1961-11-07 00:00:00")]
    public void Dates_AlreadyAccepted_StayAccepted(string text)
    {
        Assert.Equal(new DateOnly(1961, 11, 7), CellParser.Date(new SheetCell(text, false), text, Column, out var fault));
        Assert.Null(fault);
    }

    [Fact]
    public void DateSerial_AsAWorkbookStoresIt() =>
        Assert.Equal(new DateOnly(1961, 11, 7), CellParser.Date(new SheetCell("22592", true), "22592", Column, out _));
}
