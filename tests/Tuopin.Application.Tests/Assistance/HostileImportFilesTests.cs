using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Assistance;

/// <summary>
/// The files an office really sends, and worse, to the measures import and the training attendance import: each is
/// refused whole with its reason (the file's, or the row's and column's), nothing is stored, and a GBK file reads right.
/// </summary>
public sealed class HostileImportFilesTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    /// <summary>One import as the tests call it: its header, a file's rows of one person or measure, and what it has stored.</summary>
    private sealed record Import(string Name, string Header, string MissingColumn, Func<Actor, Stream, string, Task> Run, Func<Task<int>> Stored);

    private static async Task<(Import Measures, Import Attendance)> ImportsAsync(TestCounty county)
    {
        var course = await county.As<RecordTrainingCourse>(county.Admin).HandleAsync(new RecordTrainingCourse.Request(TrainingKind.TechnicalSkills, "茶叶种植技术培训", "县农业局", new DateOnly(2016, 4, 1), new DateOnly(2016, 4, 2)));
        return (
            new Import("measures", "户编号,年度,措施类型,措施内容", "措施内容",
                (actor, file, name) => county.As<ImportMeasures>(actor).HandleAsync(new ImportMeasures.Request(file, name)),
                () => county.QueryAsync(db => db.Measures.CountAsync())),
            new Import("attendance", "序号,姓名,村", "姓名",
                (actor, file, name) => county.As<ImportTrainingAttendance>(actor).HandleAsync(new ImportTrainingAttendance.Request(course.Id, file, name)),
                () => county.QueryAsync(db => db.TrainingAttendances.CountAsync())));
    }

    private static async Task<InvalidRequestException> RefusedAsync(Import import, Actor actor, byte[] file, string name)
    {
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => import.Run(actor, new MemoryStream(file), name));
        Assert.Equal(0, await import.Stored());
        return refused;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory, BothDatabases]
    public async Task FilesThatAreNotLists_AreRefusedWhole_WithTheFilesReason(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (measures, attendance) = await ImportsAsync(county);
        var officer = county.VillageOfficer(Village);
        foreach (var import in new[] { measures, attendance })
        {
            Problem Only(InvalidRequestException e) => Assert.Single(e.Problems);

            // An empty file, and one of only its header.
            var empty = Only(await RefusedAsync(import, officer, [], "empty.csv"));
            Assert.Equal(("file", "import.empty"), (empty.Field, empty.Code));
            Assert.Equal("import.no_rows", Only(await RefusedAsync(import, officer, Utf8(import.Header + "\r\n"), "header.csv")).Code);
            Assert.Equal("import.no_rows", Only(await RefusedAsync(import, officer, Utf8(import.Header + "\r\n,,,\r\n\r\n"), "blank.csv")).Code);

            // A required column left out: the header row and the column are named.
            var missing = Only(await RefusedAsync(import, officer, Utf8(string.Join(',', import.Header.Split(',').Where(h => h != import.MissingColumn)) + "\r\n1,2,3"), "missing.csv"));
            Assert.Equal(("rows[1]", "import.missing_column"), (missing.Field, missing.Code));
            Assert.Contains($"缺少列“{import.MissingColumn}”", missing.Message.Zh, StringComparison.Ordinal);

            // A .xlsx that is not a zip (a CSV renamed), a zip that is not a workbook, and a text file under its own name.
            Assert.Equal("import.unreadable", Only(await RefusedAsync(import, officer, Utf8(import.Header + "\r\n1,2,3,4"), "renamed.xlsx")).Code);
            Assert.Equal("import.unreadable", Only(await RefusedAsync(import, officer, [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], "truncated.xlsx")).Code);
            var text = Only(await RefusedAsync(import, officer, Utf8(import.Header + "\r\n1,2,3,4"), "list.txt"));
            Assert.Equal(("file", "import.file_type"), (text.Field, text.Code));

            // Beyond the sheet limits: a cell past the last column XFD, an endless quoted field.
            var wide = SheetFiles.Workbook("""<row r="1">""" + string.Concat(import.Header.Split(',').Select(h => $"""<c t="inlineStr"><is><t>{h}</t></is></c>"""))
                + """</row><row r="2"><c r="A2"><v>1</v></c><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>""").ToArray();
            Assert.Equal("sheet.columns", Only(await RefusedAsync(import, officer, wide, "wide.xlsx")).Code);
            var endless = Utf8(import.Header + "\r\n\"" + new string('x', SheetLimits.MaxCellLength + 10));
            Assert.Equal("sheet.cell_length", Only(await RefusedAsync(import, officer, endless, "endless.csv")).Code);
        }
    }

    [Theory, BothDatabases]
    public async Task TooManyRows_AreRefused_BeforeAnyRowIsChecked(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (measures, attendance) = await ImportsAsync(county);
        foreach (var (import, max) in new[] { (measures, ImportMeasures.MaxRows), (attendance, ImportTrainingAttendance.MaxRows) })
        {
            var file = new StringBuilder(import.Header).Append("\r\n");
            for (var i = 0; i <= max; i++) file.Append(i).Append(",甲,乙,丙\r\n");
            var refused = await RefusedAsync(import, county.Admin, Utf8(file.ToString()), "many.csv");
            var problem = Assert.Single(refused.Problems);
            Assert.Equal(("file", "import.too_many_rows"), (problem.Field, problem.Code));
            Assert.Contains(max.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message.Zh, StringComparison.Ordinal);
        }
    }

    [Theory, BothDatabases]
    public async Task AGbkCsv_WithChineseNames_ReadsRight(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (measures, attendance) = await ImportsAsync(county);
        var household = await county.AddHouseholdAsync(Village, Build.Member(name: "覃龑"));
        var number = await county.QueryAsync(db => db.Households.Where(h => h.Id == household).Select(h => h.Number).SingleAsync());
        var officer = county.VillageOfficer(Village);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936);

        await measures.Run(officer, new MemoryStream(gbk.GetBytes($"户编号,年度,措施类型,措施内容,成员姓名\r\n{number},2016,产业扶持,种植茶叶三亩（龙井43号）,覃龑\r\n")), "措施.csv");
        await attendance.Run(officer, new MemoryStream(gbk.GetBytes("序号,姓名,村\r\n1,覃龑,黄柏园村\r\n2,向镕,三胡乡/黄柏园村\r\n")), "名单.csv");

        var measure = await county.QueryAsync(db => db.Measures.SingleAsync());
        Assert.Equal(("种植茶叶三亩（龙井43号）", true), (measure.Content, measure.MemberId is not null));
        Assert.Equal(["向镕", "覃龑"], await county.QueryAsync(db => db.TrainingAttendances.OrderBy(a => a.PersonName).Select(a => a.PersonName).ToListAsync()));
    }

    [Theory, BothDatabases]
    public async Task AVillageOfficersRowOfAnotherVillage_OrARepeatedRow_IsRefusedByRow_AndNothingIsStored(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (measures, attendance) = await ImportsAsync(county);
        var (mine, theirs) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Other, Build.Member(name: "老茶村户主")));
        var numbers = await county.QueryAsync(db => db.Households.Where(h => h.Id == mine || h.Id == theirs).ToDictionaryAsync(h => h.Id, h => h.Number));
        var officer = county.VillageOfficer(Village);

        var measure = await RefusedAsync(measures, officer, Utf8(string.Join("\r\n", measures.Header,
            $"{numbers[mine]},2016,产业扶持,种茶",
            $"{numbers[theirs]},2016,产业扶持,种茶",
            $"{numbers[mine]},2016,产业扶持,种茶")), "措施.csv");
        Assert.Equal(["rows[3].户编号", "rows[4].措施内容"], measure.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Contains(measure.Problems, p => p.Code == "measure.household" && p.Message.Zh.StartsWith("第 3 行，户编号", StringComparison.Ordinal));
        Assert.Contains(measure.Problems, p => p.Code == "measure.duplicate_row" && p.Message.Zh.Contains("第 2 行", StringComparison.Ordinal));

        var people = await RefusedAsync(attendance, officer, Utf8(string.Join("\r\n", attendance.Header,
            "1,田支书,黄柏园村",
            "2,老茶村户主,老茶村",
            "3,田支书,黄柏园村")), "名单.csv");
        Assert.Equal(["rows[3].村", "rows[4].姓名"], people.Problems.Select(p => p.Field));
        Assert.Equal(["training.village", "training.duplicate"], people.Problems.Select(p => p.Code));
        Assert.StartsWith("第 4 行，姓名：田支书 与第 2 行重复", people.Problems[1].Message.Zh, StringComparison.Ordinal);
        Assert.Equal("Row 4, 姓名: 田支书 repeats row 2", people.Problems[1].Message.En);
    }
}
