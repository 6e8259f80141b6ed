using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

/// <summary>
/// The registry import of files as township offices send them (Fixtures/office-book.*: an instruction
/// sheet, two village sheets with titles, a two-row merged header, totals, footers and values as people
/// type them), as .xlsx and as .xls: exactly which rows are accepted, skipped and refused.
/// </summary>
public sealed class ImportOfficeFilesTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static string Skips(ImportRegistry.Result result) => string.Join("\n", result.SkippedRows.Select(s => $"{s.Sheet}|{s.Row}-{s.LastRow}|{s.Code}"));

    private const string Skipped = """
        填表说明|0-0|sheet.not_a_list
        黄柏园村|1-1|row.title
        黄柏园村|2-2|row.blank
        黄柏园村|8-8|row.total
        黄柏园村|9-9|row.blank
        黄柏园村|10-10|row.footer
        黄柏园村|11-11|row.footer
        石桥村|1-1|row.title
        石桥村|5-5|row.total
        """;

    [Theory]
    [InlineData("office-book.xlsx")]
    [InlineData("office-book.xls")]
    public async Task OfficeBook_RowsAcceptedSkippedAndRefused_NamedBySheetAndRow(string file)
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var stream = File.OpenRead(Fixture(file));

        var result = await county.As<ImportRegistry>(county.Admin).HandleAsync(stream, file, new ImportRegistry.Options());

        // Five data rows in two village sheets: one refused (a resident ID of five digits), so nothing is stored.
        Assert.Equal((5, 3, 4, 1, false), (result.Rows, result.Households, result.Accepted, result.Rejected, result.Stored));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("黄柏园村", 7, "证件号码", "12345"), (error.Sheet, error.Row, error.Column, error.Value));
        Assert.Equal(new("工作表“黄柏园村”第 7 行", "Sheet '黄柏园村', row 7"), error.Where);
        Assert.Equal(Skipped.ReplaceLineEndings("\n"), Skips(result));
        Assert.Equal(0, await county.QueryAsync(db => db.Households.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task OfficeBookXls_WithTheBadRowFixed_IsImported_ValuesAsTyped(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        // The refused row taken out: a check of the same book without 杨翠花 is the office's second try.
        await using var stream = File.OpenRead(Fixture("office-book.xls"));
        var fixedFile = new MemoryStream();
        ImportRegistry.WriteWithErrors(stream, SheetFormat.Xls, [], fixedFile, CultureInfo.GetCultureInfo("zh-CN"));
        fixedFile.Position = 0;
        var rows = XlsxReader.Read(fixedFile).ToList();
        // The error file of a workbook of several sheets is one list: the header, then every sheet's data rows.
        Assert.Equal(6, rows.Count);
        Assert.Equal(["4228272016090001", "4228272016090001", "4228272016090002", "4228272016090003", "4228272016090003"], rows.Skip(1).Select(r => r[1].Text));
        var withoutRow = string.Join("\r\n", rows.Where(r => r[8].Text != "杨翠花")
            .Select(r => string.Join(",", r.Cells.Take(17).Select(c => c.Text.Contains(',', StringComparison.Ordinal) ? $"\"{c.Text}\"" : c.Text))));
        var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("来凤县三胡乡建档立卡贫困户花名册\r\n" + withoutRow + "\r\n合计,,,,\r\n制表人：张三\r\n"));

        var result = await county.As<ImportRegistry>(county.Admin).HandleAsync(csv, "花名册.csv", new ImportRegistry.Options());

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal((4, 2, 4, 0, true), (result.Rows, result.Households, result.Accepted, result.Rejected, result.Stored));
        Assert.Equal(["|1-1|row.title", "|7-7|row.total", "|8-8|row.footer"], Skips(result).Split('\n'));
        await using var db = county.Factory.CreateForOperator("tests");
        var households = await db.Households.Include(h => h.Members).Include(h => h.Incomes).OrderBy(h => h.Number).ToListAsync();
        Assert.Equal(["4228272016090001", "4228272016090003"], households.Select(h => h.Number));
        // "5,000元" and "12000" stored as text, √ / Y / 有 / N as yes and no, "1965年3月12日" and "1968.06.11" as dates.
        Assert.Equal([5000m, 12000m], households.Select(h => h.Incomes.Single().Wage.Yuan));
        var members = households.SelectMany(h => h.Members).OrderBy(m => m.Name, StringComparer.Ordinal).ToDictionary(m => m.Name);
        Assert.Equal([true, true, true, false], new[] { "田大山", "向秀英", "冉光明", "冉小明" }.Select(n => members[n].MedicalInsurance));
        Assert.Equal((new DateOnly(1965, 3, 12), new DateOnly(1968, 6, 11)), (members["田大山"].BirthDate, members["向秀英"].BirthDate));
        Assert.Equal(county.Villages["三胡乡/石桥村"].Id, households[1].VillageId);
    }

    [Fact]
    public async Task OfficeBook_UpdateMode_ReadsTheSameRows()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var stream = File.OpenRead(Fixture("office-book.xlsx"));

        var result = await county.As<ImportRegistry>(county.Admin).HandleAsync(stream, "office-book.xlsx", new ImportRegistry.Options(DryRun: true, Update: true));

        Assert.Equal((5, 1), (result.Rows, result.Rejected));
        Assert.Equal(("黄柏园村", 7), (result.Errors.Single().Sheet, result.Errors.Single().Row));
        Assert.Equal(Skipped.ReplaceLineEndings("\n"), Skips(result));
    }

    [Fact]
    public async Task DamagedXls_IsRefusedWithAClearMessage_NotAServerError()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var bytes = File.ReadAllBytes(Fixture("office-book.xls"))[..4000];

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            county.As<ImportRegistry>(county.Admin).HandleAsync(new MemoryStream(bytes), "花名册.xls", new ImportRegistry.Options(DryRun: true)));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(("file", "import.unreadable"), (problem.Field, problem.Code));
        Assert.StartsWith("无法读取该 .xls 文件", problem.Message.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherFileTypes_AreRefusedNamingTheThreeAccepted()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            county.As<ImportRegistry>(county.Admin).HandleAsync(new MemoryStream([1, 2, 3]), "花名册.et", new ImportRegistry.Options(DryRun: true)));

        Assert.Equal("只能导入 .xlsx、.xls 或 .csv 文件，“花名册.et”不是", Assert.Single(e.Problems).Message.Zh);
    }
}
