using System.Text;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Common;

/// <summary>
/// Files as county offices send them, read by the one layer every import uses: the header found below a
/// title, two-row headers joined, totals, footers and blank rows skipped and listed, every village sheet
/// read and instruction sheets skipped; .xls read like .xlsx.
/// </summary>
public sealed class SheetTableTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static (SheetTable Table, List<SheetRow> Rows) Read(Stream stream, SheetFormat format)
    {
        var table = new SheetTable(stream, format, ImportRegistry.IsColumn);
        return (table, table.Rows().ToList());
    }

    private static string Skips(SheetTable table) => string.Join("\n", table.Skipped.Select(s => $"{s.Sheet}|{s.Row}-{s.LastRow}|{s.Code}"));

    /// <summary>The same workbook as Excel 2007+ (.xlsx, our reader) and as LibreOffice saved it for Excel 97-2003 (.xls, ExcelDataReader).</summary>
    [Theory]
    [InlineData("office-book.xlsx", SheetFormat.Xlsx)]
    [InlineData("office-book.xls", SheetFormat.Xls)]
    public void OfficeBook_HeaderFound_TwoRowHeaderJoined_EverySheetRead_NotDataSkipped(string file, SheetFormat format)
    {
        using var stream = File.OpenRead(Fixture(file));

        var (table, rows) = Read(stream, format);

        // The header: the village sheet's rows 3 and 4, the group cell over its sub-headers read as one name each.
        Assert.True(table.HeaderFound);
        Assert.Equal(("黄柏园村", 4), table.Locate(table.HeaderLine));
        Assert.Equal(["序号", "户编号", "乡镇", "行政村", "村民小组", "识别年度", "主要致贫原因", "贫困户属性", "姓名", "证件号码", "性别", "出生日期", "与户主关系", "民族", "是否参加基本医疗保险", "2016年工资性收入", "2016年生产经营性支出"],
            table.Header);
        Assert.Equal(table.Header, rows[0].Cells.Select(c => c.Text));
        // The data rows of both village sheets, named by sheet and row; the second sheet's columns put in the first header's order.
        Assert.Equal([("黄柏园村", 5), ("黄柏园村", 6), ("黄柏园村", 7), ("石桥村", 3), ("石桥村", 4)], rows.Skip(1).Select(r => table.Locate(r.Number)));
        var guangming = rows[4];
        Assert.Equal(("冉光明", "二组", "有", "12000"), (guangming[8].Text, guangming[4].Text, guangming[14].Text, guangming[15].Text));
        Assert.Equal("", guangming[0].Text);
        Assert.Equal(("5,000元", "1965年3月12日", "√"), (rows[1][15].Text, rows[1][11].Text, rows[1][14].Text));
        Assert.Equal("2014", rows[1][5].Text);
        Assert.True(rows[1][5].IsNumber);
        Assert.Equal(
            """
            填表说明|0-0|sheet.not_a_list
            黄柏园村|1-1|row.title
            黄柏园村|2-2|row.blank
            黄柏园村|8-8|row.total
            黄柏园村|9-9|row.blank
            黄柏园村|10-10|row.footer
            黄柏园村|11-11|row.footer
            石桥村|1-1|row.title
            石桥村|5-5|row.total
            """.ReplaceLineEndings("\n"), Skips(table));
        Assert.Equal(new("工作表“黄柏园村”第 8 行", "Sheet '黄柏园村', row 8"), table.Skipped[3].Where);
        Assert.Contains("填表说明", table.Skipped[0].Reason.Zh, StringComparison.Ordinal);
        Assert.Empty(table.Faults);
    }

    [Fact]
    public void OneSheetCsv_TitleBlankTotalAndFooter_AreSkipped_RowsKeepTheirNumbers()
    {
        var csv = string.Join("\r\n",
            "来凤县建档立卡贫困户花名册（2016年度）,,",
            ",,",
            "户编号,姓名,证件号码",
            "4228272016090001,田大山,422827196503120110",
            ",,",
            "4228272016090002,杨翠花,12345",
            "合  计,2户,",
            "制表人：张三,审核人：李四,",
            "注：收入以元为单位,,",
            "4228272016090003,冉光明,422827197204050313");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var (table, rows) = Read(stream, SheetFormat.Csv);

        Assert.Equal(3, table.HeaderLine);
        Assert.Equal([3, 4, 6, 10], rows.Select(r => r.Number));
        Assert.Equal((null, 6), table.Locate(6));
        Assert.Equal(
            """
            |1-1|row.title
            |2-2|row.blank
            |5-5|row.blank
            |7-7|row.total
            |8-8|row.footer
            |9-9|row.footer
            """.ReplaceLineEndings("\n"), Skips(table));
        Assert.Equal(new("第 7 行", "Row 7"), table.Skipped[3].Where);
    }

    [Fact]
    public void NoHeaderAnywhere_GivesTheFirstRowAsHeader_ForTheImportToNameTheMissingColumns()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("甲,乙,丙\r\n1,2,3\r\n"));

        var (table, rows) = Read(stream, SheetFormat.Csv);

        Assert.False(table.HeaderFound);
        Assert.Equal(["甲", "乙", "丙"], rows.Single().Cells.Select(c => c.Text));
        Assert.Equal("sheet.not_a_list", Assert.Single(table.Skipped).Code);
    }

    [Fact]
    public void LaterSheet_WithAColumnTheFirstLacks_IsAFault()
    {
        using var book = OfficeBooks.Book(
            new OfficeBooks.Sheet("一村", [["户编号", "姓名", "证件号码"], ["4228272016090001", "田大山", "422827196503120110"]]),
            new OfficeBooks.Sheet("二村", [["户编号", "姓名", "证件号码", "民族"], ["4228272016090002", "冉光明", "422827197204050313", "土家族"]]));

        var (table, rows) = Read(book, SheetFormat.Xlsx);

        Assert.Equal(3, rows.Count);
        var fault = Assert.Single(table.Faults);
        Assert.Equal(("二村", 1, "民族", "column.not_in_first_sheet"), (fault.Sheet, fault.Row, fault.Column, fault.Code));
    }

    [Fact]
    public void DamagedXls_IsRefusedWithAClearReason()
    {
        var bytes = File.ReadAllBytes(Fixture("office-book.xls"));
        Array.Resize(ref bytes, bytes.Length / 3); // cut short, as an interrupted download
        var junk = Encoding.ASCII.GetBytes("this is not a spreadsheet at all, just text saved as .xls");

        foreach (var file in new[] { bytes, junk })
        {
            using var stream = new MemoryStream(file);
            var e = Assert.Throws<InvalidDataException>(() => Read(stream, SheetFormat.Xls));
            Assert.Contains(".xls", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("合计", true)]
    [InlineData("合  计", true)]
    [InlineData("一组小计", true)]
    [InlineData("总计：", true)]
    [InlineData("田大山", false)]
    [InlineData("合计收入很高的一户人家的户主姓名", false)]
    public void Totals_AreRecognisedInTheFirstCells(string text, bool total) =>
        Assert.Equal(total, SheetTable.IsTotal(new SheetRow(9, [new("", false), new(text, false), new("100", true)])));

    [Theory]
    [InlineData("制表人：张三", true)]
    [InlineData("审核人:李四", true)]
    [InlineData("填报人 王五", true)]
    [InlineData("填报日期：2016年12月31日", true)]
    [InlineData("备注：收入以元为单位", true)]
    [InlineData("说明", true)]
    [InlineData("4228272016090001", false)]
    public void Footers_AreRecognisedByTheirFirstCell(string text, bool footer) =>
        Assert.Equal(footer, SheetTable.IsFooter(new SheetRow(9, [new(text, false)])));
}
