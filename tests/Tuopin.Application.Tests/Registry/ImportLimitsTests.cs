using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Conditions;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Testing;
using static Tuopin.Testing.SheetFiles;

namespace Tuopin.Application.Tests.Registry;

/// <summary>
/// Both imports read through the shared reader and answer a file beyond its limits as they answer any
/// bad file: a problem on "file" with the limit's message in Chinese and English, nothing stored.
/// </summary>
public sealed class ImportLimitsTests
{
    private const string ConditionsHeader = "村代码,年度,通硬化路,通客运班车,自然村数,通硬化路自然村数,通生产用电自然村数,农户数,大管网供水户数,安全饮水户数,通电户数,广播电视入户数,通宽带,移动信号覆盖,学校或幼儿园,卫生室,便民服务中心,文化活动室";

    /// <summary>The registry template's required columns, so that the import reads past the header.</summary>
    private const string RegistryHeader = "户编号,乡镇,行政村,村民小组,识别年度,主要致贫原因,贫困户属性,姓名,证件号码,性别,出生日期,与户主关系,民族";

    /// <summary>A 2 KB workbook with a cell at column ZZZZZZ: the row was padded to 321 million cells.</summary>
    private static MemoryStream ColumnZZZZZZ(string header) =>
        Workbook("""<row r="1">""" + string.Concat(header.Split(',').Select(h => $"""<c t="inlineStr"><is><t>{h}</t></is></c>""")) + "</row>"
            + """<row r="2"><c r="A2"><v>1</v></c><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>""");

    [Fact]
    public async Task RegistryImport_RefusesAWorkbookBeyondTheLimits_WithTheLimitsMessage()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);

        var refusal = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            county.As<ImportRegistry>(county.Admin).HandleAsync(ColumnZZZZZZ(RegistryHeader), "bomb.xlsx", new ImportRegistry.Options()));

        var problem = Assert.Single(refusal.Problems);
        Assert.Equal(("file", "sheet.columns"), (problem.Field, problem.Code));
        Assert.Equal("第 2 行的单元格 ZZZZZZ2 超出了最后一列 XFD（第 16,384 列）", problem.Message.Zh);
        Assert.Equal("Row 2: the cell ZZZZZZ2 lies beyond the last column, XFD (column 16,384)", problem.Message.En);
        Assert.Equal(0, await county.QueryAsync(db => db.Households.CountAsync()));
    }

    [Fact]
    public async Task RegistryImport_RefusesAnEndlessCsvField()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var file = new RepeatedStream(RegistryHeader + "\r\n4228272022090001,\"", 'x', 1L << 30);

        var refusal = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            county.As<ImportRegistry>(county.Admin).HandleAsync(file, "endless.csv", new ImportRegistry.Options(DryRun: true)));

        var problem = Assert.Single(refusal.Problems);
        Assert.Equal(("file", "sheet.cell_length"), (problem.Field, problem.Code));
        Assert.Equal("Row 2, cell B2: the text is longer than 32,767 characters", problem.Message.En);
    }

    [Fact]
    public async Task RegistryImport_OfAMillionFaultyRows_StopsAtItsThousandthReason_InsteadOfHoldingThemAll()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        // A valid header, then a million rows of one letter: each row has several faults.
        var file = new MemoryStream(Encoding.UTF8.GetBytes(RegistryHeader + "\r\n" + string.Concat(Enumerable.Repeat("x\r\n", 1_000_000))));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await county.As<ImportRegistry>(county.Admin).HandleAsync(file, "faulty.csv", new ImportRegistry.Options(DryRun: true));

        Assert.False(result.Stored);
        Assert.Equal(ImportErrors.MaxErrors + 1, result.Errors.Count);
        var last = result.Errors[^1];
        Assert.Equal("import.too_many_errors", last.Code);
        Assert.Contains($"第 {last.Row} 行停止", last.Message.Zh, StringComparison.Ordinal);
        Assert.True(last.Row < 1_000, $"stopped at row {last.Row}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 512L << 20, "allocated more than 512 MB");
    }

    [Fact]
    public async Task ConditionsImport_RefusesAWorkbookOrCsvBeyondTheLimits_WithTheLimitsMessage()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var import = county.As<ImportVillageConditions>(county.Admin);

        var workbook = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            import.HandleAsync(new ImportVillageConditions.Request(ColumnZZZZZZ(ConditionsHeader), "conditions.xlsx")));
        var csv = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            import.HandleAsync(new ImportVillageConditions.Request(new RepeatedStream(ConditionsHeader + "\r\n\"", 'x', 1L << 30), "conditions.csv")));

        Assert.Equal(("file", "sheet.columns"), (workbook.Problems[0].Field, workbook.Problems[0].Code));
        Assert.Equal("第 2 行的单元格 ZZZZZZ2 超出了最后一列 XFD（第 16,384 列）", workbook.Problems[0].Message.Zh);
        Assert.Equal(("file", "sheet.cell_length"), (csv.Problems[0].Field, csv.Problems[0].Code));
        Assert.Equal("第 2 行 A2 单元格的文字超过 32,767 个字符", csv.Problems[0].Message.Zh);
    }

    [Fact]
    public async Task ConditionsImport_StopsReading_AfterTheRowsItTakes()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var text = new StringBuilder(ConditionsHeader).Append("\r\n");
        for (var i = 0; i < 1_000_000; i++) text.Append("422827100001,2016\r\n");
        var file = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        text.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();

        // The file is read before the use case's first await, on this thread.
        var refusal = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            county.As<ImportVillageConditions>(county.Admin).HandleAsync(new ImportVillageConditions.Request(file, "conditions.csv")));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("import.too_many_rows", Assert.Single(refusal.Problems).Code);
        // 50,002 of the million rows read (the file is 20 MB).
        Assert.True(allocated < 48 << 20, $"{allocated >> 20} MB allocated");
    }
}
