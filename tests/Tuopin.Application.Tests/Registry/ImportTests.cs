using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

/// <summary>Registry import: every fault named with its row, column and reason; all or nothing; area rules.</summary>
public sealed class ImportTests
{
    private const string Header = "户编号,乡镇,行政村,村民小组,识别年度,主要致贫原因,贫困户属性,姓名,证件号码,性别,出生日期,与户主关系,民族,2016年工资性收入,2016年生产经营性支出";

    private static string Id(Sex sex, int year, int month = 3, int day = 12) => Build.NewResidentId(sex, new DateOnly(year, month, day)).Value;

    private static string Row(string number, string name, string id, string relation, string sex = "", string birth = "", string village = "黄柏园村", string township = "三胡乡",
        string year = "2014", string cause = "因病", string wage = "5000", string expense = "300", string group = "一组", string attribute = "一般贫困户", string ethnicity = "土家族") =>
        string.Join(",", number, township, village, group, year, cause, attribute, name, id, sex, birth, relation, ethnicity, wage, expense);

    private static MemoryStream Csv(params string[] lines) => new(new UTF8Encoding(false).GetBytes(string.Join("\r\n", lines) + "\r\n"));

    private static async Task<ImportRegistry.Result> ImportAsync(TestCounty county, Stream file, string name = "registry.csv", ImportRegistry.Options? options = null, Accounts.Actor? actor = null) =>
        await county.As<ImportRegistry>(actor ?? county.Admin).HandleAsync(file, name, options ?? new ImportRegistry.Options());

    private static Task<int> HouseholdCountAsync(TestCounty county) => county.QueryAsync(db => db.Households.CountAsync());

    [Theory, BothDatabases]
    public async Task ValidFile_IsImported_WithSizesAreasProtectedIdsHistoryAndOneAuditEntry(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Id(Sex.Male, 1965);
        var wife = Id(Sex.Female, 1968);
        var single = Id(Sex.Female, 1950);
        var file = Csv(Header,
            Row("4228272022090001", "田大山", head, "户主", "男", "1965-03-12"),
            Row("4228272022090001", "向秀英", wife, "配偶"),
            Row("4228272022090002", "杨翠花", single, "01", group: "2组", cause: "02", wage: "1200.5", expense: "0"),
            Row("4228272022090003", "田茶花", Id(Sex.Female, 1955), "户主", group: "茶园组"),
            Row("4228272022090004", "向五", Id(Sex.Male, 1958), "户主", group: "5组"));

        var result = await ImportAsync(county, file);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal((5, 4, 5, 0), (result.Rows, result.Households, result.Accepted, result.Rejected));
        await using var db = county.Factory.CreateForOperator("tests");
        var households = await db.Households.Include(h => h.Members).Include(h => h.Incomes).Include(h => h.StatusChanges).OrderBy(h => h.Number).ToListAsync();
        Assert.Equal([2, 1, 1, 1], households.Select(h => h.Size));
        var village = county.Villages["三胡乡/黄柏园村"];
        Assert.All(households.SelectMany(h => h.Members), m => Assert.Equal((village.Id, village.TownshipId, county.CountyId), (m.VillageId, m.TownshipId, m.CountyId)));
        var stored = households[0].Members.Single(m => m.Relation == Relation.Spouse);
        Assert.Equal(wife, county.Protector.Unprotect(stored.ResidentIdCipher));
        Assert.Equal(county.Protector.Index(wife), stored.ResidentIdIndex);
        Assert.DoesNotContain(wife, stored.ResidentIdCipher, StringComparison.Ordinal);
        Assert.Equal((Sex.Female, new DateOnly(1968, 3, 12)), (stored.Sex, stored.BirthDate));
        Assert.Equal(PovertyCause.Disability, households[1].MainCause);
        Assert.Equal(1200.50m, households[1].Incomes.Single().Wage.Yuan);
        Assert.Equal(2016, households[0].Incomes.Single().Year);
        Assert.All(households, h => Assert.Equal(HouseholdStatus.NotExited, Assert.Single(h.StatusChanges).To));
        // Village groups the county did not have yet come from the file; one without a number in its
        // name comes after the village's highest (it is written with a provisional number first).
        var groups = await db.VillageGroups.Where(g => g.VillageId == village.Id).OrderBy(g => g.Number).Select(g => new { g.Name, g.Number }).ToListAsync();
        Assert.Equal([("一组", 1), ("2组", 2), ("5组", 5), ("茶园组", 6)], groups.Select(g => (g.Name, g.Number)));
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditAction.Bulk).ToListAsync());
        Assert.Contains("registry.csv", audit.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(wife, audit.Changes, StringComparison.Ordinal);
        Assert.All(households, h => Assert.Equal(audit.Id, h.BatchId));
    }

    /// <summary>
    /// The import checks a household when its rows end, which needs them together; a file whose
    /// household rows are apart is read again and checked as a whole, with the same result.
    /// </summary>
    [Theory, BothDatabases]
    public async Task HouseholdRowsApart_AreStillOneHousehold_CheckedAsAWhole(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        string[] File(string cause) =>
        [
            Header,
            Row("4228272022090001", "田大山", Id(Sex.Male, 1965), "户主"),
            Row("4228272022090002", "杨翠花", Id(Sex.Female, 1950), "户主"),
            Row("4228272022090001", "向秀英", Id(Sex.Female, 1968), "配偶"),
            Row("4228272022090003", "向三", Id(Sex.Male, 1970), "户主"),
            Row("4228272022090001", "田小山", Id(Sex.Male, 2005), "之子", cause: cause),
        ];

        var rejected = await ImportAsync(county, Csv(File("因学")));
        var error = Assert.Single(rejected.Errors);
        Assert.Equal((6, "主要致贫原因", "household.contradiction"), (error.Row, error.Column, error.Code));
        Assert.Contains("第2行", error.Message.Zh, StringComparison.Ordinal);
        Assert.Equal(0, await HouseholdCountAsync(county));

        var imported = await ImportAsync(county, Csv(File("因病")));
        Assert.True(imported.Ok, string.Join("\n", imported.Errors));
        Assert.Equal((5, 3, 5), (imported.Rows, imported.Households, imported.MembersWritten));
        var sizes = await county.QueryAsync(db => db.Households.OrderBy(h => h.Number).Select(h => h.Size).ToListAsync());
        Assert.Equal([3, 1, 1], sizes);
    }

    [Theory, BothDatabases]
    public async Task ImportedHouseholds_GetDatedEvents_SoTheRegistryReadsAsOfADate(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        const string header = Header + ",识别日期,脱贫状态,脱贫年度,脱贫日期";
        var file = Csv(header,
            Row("4228272022090001", "田大山", Id(Sex.Male, 1965), "户主") + ",2014-10-01,已脱贫,2016,2016-12-20",
            Row("4228272022090001", "向秀英", Id(Sex.Female, 1968), "配偶") + ",,,,",
            Row("4228272022090002", "杨翠花", Id(Sex.Female, 1950), "户主") + ",2014-10-01,未脱贫,,");

        var result = await ImportAsync(county, file);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var events = await county.QueryAsync(db => db.StatusChanges.OrderBy(e => e.Date).ThenBy(e => e.Sequence)
            .Select(e => new { e.Household!.Number, e.Sequence, e.Kind, e.Date, e.SizeAfter }).ToListAsync());
        Assert.Equal(
            [("4228272022090001", 1, HouseholdEventKind.Registration, new DateOnly(2014, 10, 1), 2),
             ("4228272022090002", 1, HouseholdEventKind.Registration, new DateOnly(2014, 10, 1), 1),
             ("4228272022090001", 2, HouseholdEventKind.Exit, new DateOnly(2016, 12, 20), 2)],
            events.Select(e => (e.Number, e.Sequence, e.Kind, e.Date, e.SizeAfter)).OrderBy(e => e.Date).ThenBy(e => e.Number).ToList());
        var overview = county.As<CountyOverview>(county.Admin);
        var before = await overview.HandleAsync(new DateOnly(2016, 12, 1));
        Assert.Equal((2, 3), (before.Remaining.Households, before.Remaining.People));
        var after = await overview.HandleAsync(new DateOnly(2016, 12, 31));
        Assert.Equal((1, 1), (after.Remaining.Households, after.Remaining.People));
        Assert.Equal((2016, 1, 2), after.Exits.Where(e => e.Households > 0).Select(e => (e.Year, e.Households, e.People)).Single());
    }

    [Theory, BothDatabases]
    public async Task EveryFault_IsReportedWithRowColumnAndReason_AndNothingIsStored(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var good = Id(Sex.Male, 1970);
        var fullWidth = string.Concat(Id(Sex.Female, 1972).Select(c => char.IsAsciiDigit(c) ? (char)(c + 0xFEE0) : c));
        var lowerX = LowerX();
        var spaced = Id(Sex.Male, 1990);
        var lost = Enumerable.Range(0, 50).Select(_ => Id(Sex.Male, 1980)[..15] + "000").First(x => !ResidentId.TryParse(x, out _));
        var duplicate = Id(Sex.Female, 1975);
        var file = Csv(Header,
            Row("4228272022090001", "田一", good, "户主", "男", "25639"),                          // 2: birth date as an Excel serial (1970-03-12): fine
            Row("4228272022090001", "田二", fullWidth, "配偶"),                                    // 3: full-width digits: fine
            ",,,,,,,,,,,,,,",                                                                       // 4: blank row: skipped
            Row("4228272022090001", "田三", " " + lowerX.Value + " ", lowerX.Relation),            // 5: lower-case x, spaces: fine
            Row("4228272022090002", "向一", "4.22827E+17", "户主"),                                 // 6: scientific notation
            Row("4228272022090003", "向二", lost, "户主"),                                          // 7: digits lost past the 15th
            Row("4228272022090004", "向三", spaced, "户主", "女"),                                  // 8: sex contradicts the ID
            Row("4228272022090005", "向四", duplicate, "户主", birth: "1975-03-13"),                 // 9: birth date contradicts the ID
            Row("4228272022090006", "向五", duplicate, "户主"),                                     // 10: the same ID twice in the file
            Row("4228272022090007", "向六", Id(Sex.Male, 1960), "户主", village: "不存在村"),         // 11: unknown village
            Row("4228272022090008", "向七", Id(Sex.Male, 1961), "户主", cause: "因懒"),              // 12: code not in the list
            Row("4228272022090009", "向八", Id(Sex.Male, 1962), "户主"),                            // 13: two heads
            Row("4228272022090009", "向九", Id(Sex.Male, 1963), "户主"),                            // 14
            Row("4228272022090010", "向十", Id(Sex.Male, 1964), "之子"),                            // 15: no head
            Row("4228272022090011", "向十一", Id(Sex.Male, 1966), "户主", wage: "-100"),            // 16: negative income
            Row("4228272022090011", "向十二", Id(Sex.Female, 1967), "配偶", year: "2015", wage: "", expense: ""),          // 17: contradicts the head's row
            Row("4228272022090012", "向十三", Id(Sex.Male, 1969), "户主", wage: "五千"));           // 18: income not a number

        var result = await ImportAsync(county, file);

        var found = result.Errors.Select(e => (e.Row, e.Column, e.Code)).ToList();
        (int, string, string)[] expected =
        [
            (6, "证件号码", "resident_id.excel_number"),
            (7, "证件号码", "resident_id.digits_lost"),
            (8, "性别", "member.sex_mismatch"),
            (9, "出生日期", "member.birth_mismatch"),
            (10, "证件号码", "member.duplicate_in_file"),
            (11, "行政村", "place.unknown_village"),
            (12, "主要致贫原因", "code.unknown"),
            (14, "与户主关系", "household.several_heads"),
            (15, "与户主关系", "household.no_head"),
            (16, "2016年工资性收入", "income.negative"),
            (17, "识别年度", "household.contradiction"),
            (18, "2016年工资性收入", "value.not_number"),
        ];
        Assert.Equal(expected, found);
        Assert.Equal((16, 12, 4), (result.Rows, result.Rejected, result.Accepted));
        Assert.False(result.Stored);
        Assert.Equal(0, await HouseholdCountAsync(county));
        Assert.Equal(0, await county.QueryAsync(db => db.Members.CountAsync()));
        Assert.Equal(0, await county.QueryAsync(db => db.VillageGroups.CountAsync()));

        var messages = result.Errors.ToDictionary(e => e.Row);
        Assert.Equal("4.22827E+17", messages[6].Value);
        Assert.Contains("科学计数法", messages[6].Message.Zh, StringComparison.Ordinal);
        Assert.Contains("15位", messages[7].Message.Zh, StringComparison.Ordinal);
        Assert.Contains("digits after the 15th", messages[7].Message.En, StringComparison.Ordinal);
        Assert.Contains("第9行", messages[10].Message.Zh, StringComparison.Ordinal);
        Assert.Contains("因懒", messages[12].Message.Zh, StringComparison.Ordinal);
        Assert.Contains("01 因病", messages[12].Message.Zh, StringComparison.Ordinal);
        Assert.Contains("第16行填写的是“2014”", messages[17].Message.Zh, StringComparison.Ordinal);
        Assert.Equal("2015", messages[17].Value);

        // The same file without its faulty rows goes in: the tolerated spreadsheet habits were understood.
        var fixedFile = Csv(Header,
            Row("4228272022090001", "田一", good, "户主", "男", "25639"),
            Row("4228272022090001", "田二", fullWidth, "配偶"),
            "",
            Row("4228272022090001", "田三", " " + lowerX.Value + " ", lowerX.Relation));
        var again = await ImportAsync(county, fixedFile);
        Assert.True(again.Ok, string.Join("\n", again.Errors));
        var ids = await county.QueryAsync(db => db.Members.Select(m => m.ResidentIdCipher).ToListAsync());
        var plain = ids.Select(county.Protector.Unprotect).Order().ToList();
        Assert.Contains(lowerX.Value.ToUpperInvariant(), plain);
        Assert.Contains(string.Concat(fullWidth.Select(c => c is >= '\uFF10' and <= '\uFF19' ? (char)(c - 0xFEE0) : c)), plain);
        Assert.Equal(new DateOnly(1970, 3, 12), await county.QueryAsync(db => db.Members.Where(m => m.Name == "田一").Select(m => m.BirthDate).SingleAsync()));
    }

    private static (string Value, string Relation) LowerX()
    {
        for (var day = 1; day < 28; day++)
        {
            for (var seq = 100; seq < 998; seq += 2)
            {
                var id = ResidentId.Create("422827", new DateOnly(2001, 5, day), seq);
                if (id.Value.EndsWith('X')) return (id.Value[..17] + "x", "之女");
            }
        }
        throw new InvalidOperationException("no ID ending in X");
    }

    [Fact]
    public async Task MissingOrRenamedColumn_IsNamed_OnRowOne()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var file = Csv(Header.Replace("证件号码", "身份证", StringComparison.Ordinal), Row("4228272022090001", "田一", Id(Sex.Male, 1970), "户主"));

        var result = await ImportAsync(county, file);

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "证件号码", "column.missing"), (error.Row, error.Column, error.Code));
        Assert.Contains("“身份证”", error.Message.Zh, StringComparison.Ordinal);
        Assert.Equal(0, await HouseholdCountAsync(county));
    }

    [Fact]
    public async Task GbkCsv_AndUtf8WithBom_AreDetected()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var text = string.Join("\r\n", Header, Row("4228272022090001", "覃秀英", Id(Sex.Female, 1970), "户主"), Row("4228272022090002", "滕德彪", Id(Sex.Male, 1971), "户主"));
        var gbk = CsvReader.Gb18030.GetBytes(text);
        var bom = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\n" + Row("4228272022090003", "冉光明", Id(Sex.Male, 1972), "户主"))).ToArray();

        var first = await ImportAsync(county, new MemoryStream(gbk));
        var second = await ImportAsync(county, new MemoryStream(bom));

        Assert.True(first.Ok, string.Join("\n", first.Errors));
        Assert.True(second.Ok, string.Join("\n", second.Errors));
        var names = await county.QueryAsync(db => db.Members.OrderBy(m => m.Name).Select(m => m.Name).ToListAsync());
        Assert.Equal(new[] { "冉光明", "滕德彪", "覃秀英" }.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Theory, BothDatabases]
    public async Task RegisteredHousehold_IsRefused_UnlessUpdateMode_ThenChangedAndAudited(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Id(Sex.Male, 1965);
        var other = await county.AddHouseholdAsync("三胡乡/石桥村");
        var otherId = await county.QueryAsync(db => db.Members.Where(m => m.HouseholdId == other).Select(m => m.ResidentIdCipher).SingleAsync());
        Assert.True((await ImportAsync(county, Csv(Header, Row("4228272022090001", "田大山", head, "户主")))).Ok);

        var again = await ImportAsync(county, Csv(Header, Row("4228272022090001", "田大山", head, "户主", cause: "因学"), Row("4228272022090001", "田小山", Id(Sex.Male, 2005), "之子", cause: "因学")));
        var taken = await ImportAsync(county, Csv(Header, Row("4228272022090005", "某人", county.Protector.Unprotect(otherId), "户主")));
        var update = await ImportAsync(county, Csv(Header, Row("4228272022090001", "田大山", head, "户主", cause: "因学"), Row("4228272022090001", "田小山", Id(Sex.Male, 2005), "之子", cause: "因学")),
            options: new ImportRegistry.Options(Update: true));

        Assert.True(again.Errors.Count == 1, string.Join("\n", again.Errors));
        Assert.Equal((2, "户编号", "household.exists"), (again.Errors.Single().Row, again.Errors.Single().Column, again.Errors.Single().Code));
        Assert.Contains("更新模式", again.Errors.Single().Message.Zh, StringComparison.Ordinal);
        Assert.Equal("member.duplicate_resident_id", Assert.Single(taken.Errors).Code);
        Assert.True(update.Ok, string.Join("\n", update.Errors));
        Assert.Equal((0, 1), (update.Created, update.Updated));
        await using var db = county.Factory.CreateForOperator("tests");
        var household = await db.Households.Include(h => h.Members).SingleAsync(h => h.Number == "4228272022090001");
        Assert.Equal((PovertyCause.Schooling, 2, 2), (household.MainCause, household.Size, household.Members.Count));
        var audit = await db.AuditEntries.Where(a => a.HouseholdId == household.Id && a.Action != AuditAction.Bulk).ToListAsync();
        Assert.Contains(audit, a => a.Action == AuditAction.Update && a.EntityType == "Household" && a.Changes.Contains("mainCause", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(audit, a => a.Action == AuditAction.Insert && a.EntityType == "Member");
        Assert.All(audit, a => Assert.Contains("更新模式", a.Reason, StringComparison.Ordinal));
    }

    [Theory, BothDatabases]
    public async Task TownshipOfficer_CannotImportIntoAnotherTownship(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var file = Csv(Header,
            Row("4228272022090001", "田一", Id(Sex.Male, 1970), "户主"),
            Row("4228271002040001", "田二", Id(Sex.Male, 1971), "户主", village: "老茶村", township: "翔凤镇"));

        var refused = await ImportAsync(county, file, actor: county.TownshipOfficer("三胡乡"));

        var error = Assert.Single(refused.Errors);
        Assert.Equal((3, "行政村", "place.outside_area"), (error.Row, error.Column, error.Code));
        Assert.Equal(0, await HouseholdCountAsync(county));
        // The inspector reads only: a check is allowed, an import is not.
        var inspector = county.As<ImportRegistry>(county.Inspector);
        await Assert.ThrowsAsync<Tuopin.Application.Common.ForbiddenException>(() => inspector.HandleAsync(Csv(Header), "x.csv", new ImportRegistry.Options()));
    }

    [Fact]
    public async Task Workbook_NumbersExcelMade_AreRecognised()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var id = Id(Sex.Male, 1990, 1, 1);
        var numeric = long.Parse(id[..15] + "000", CultureInfo.InvariantCulture);
        var good = Id(Sex.Female, 1990, 1, 1);
        using var workbook = new MemoryStream();
        using (var writer = new SheetWriter(workbook, SheetFormat.Xlsx, "Sheet1"))
        {
            writer.WriteRow(Header.Split(','));
            writer.WriteRow(["4228272022090001", "三胡乡", "黄柏园村", "一组", 2014, "因病", "一般贫困户", "田一", numeric, "男", null, "户主", "土家族", 5000, 300]);
            // A birth date stored as a date (serial 32874 = 1990-01-01) and an ID stored as text.
            writer.WriteRow(["4228272022090002", "三胡乡", "黄柏园村", "一组", 2014, "因病", "一般贫困户", "田二", good, "女", 32874, "户主", "土家族", 5000, 300]);
        }
        workbook.Position = 0;

        var result = await ImportAsync(county, workbook, "registry.xlsx");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "证件号码", "resident_id.digits_lost"), (error.Row, error.Column, error.Code));
        Assert.Equal(0, await HouseholdCountAsync(county));
    }

    [Theory, BothDatabases]
    public async Task ExportThenImportIntoAnEmptyCounty_ReproducesTheRegistry(DbProvider provider)
    {
        await using var source = await TestCounty.CreateAsync(provider);
        var family = await source.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member(), Build.Member(Relation.Spouse, Sex.Female), Build.Member(Relation.Daughter, Sex.Female, birth: new DateOnly(2009, 9, 1)));
        await source.AddHouseholdAsync("翔凤镇/老茶村");
        var details = await source.As<GetHousehold>(source.Admin).HandleAsync(family);
        await source.As<UpdateHousehold>(source.Admin).HandleAsync(new UpdateHousehold.Request(family, details.Version, details.Fields with { Attribute = HouseholdAttribute.Dibao, OtherCause1 = PovertyCause.Illness, EntryRoad = EntryRoad.Cement, DistanceToMainRoadKm = 2.5m }));
        details = await source.As<GetHousehold>(source.Admin).HandleAsync(family);
        await source.As<RecordIncome>(source.Admin).HandleAsync(new RecordIncome.Request(family, details.Version, Build.Income(2015) with { Dibao = 1234.56m }));

        foreach (var format in new[] { SheetFormat.Csv, SheetFormat.Xlsx })
        {
            await using var target = await TestCounty.CreateAsync(provider);
            using var exported = new MemoryStream();
            var result = await source.As<ExportRegistry>(source.Admin).HandleAsync(new ListHouseholds.Query(), format, exported);
            Assert.Equal((2, 4, false), (result.Households, result.Members, result.Masked));
            exported.Position = 0;

            var imported = await ImportAsync(target, exported, "export." + format.ToString().ToLowerInvariant());

            Assert.True(imported.Ok, string.Join("\n", imported.Errors));
            // Exported again, the target's registry is the same file: every field of the template, and every ID.
            using var first = new MemoryStream();
            using var second = new MemoryStream();
            await source.As<ExportRegistry>(source.Admin).HandleAsync(new ListHouseholds.Query(), SheetFormat.Csv, first);
            await target.As<ExportRegistry>(target.Admin).HandleAsync(new ListHouseholds.Query(), SheetFormat.Csv, second);
            Assert.Equal(Encoding.UTF8.GetString(first.ToArray()), Encoding.UTF8.GetString(second.ToArray()));
            var counts = await target.QueryAsync(async db => (await db.Households.SumAsync(h => h.Size), await db.Incomes.CountAsync()));
            Assert.Equal((4, 1), counts);
        }
    }

    /// <summary>
    /// Names a spreadsheet program would run as formulas leave the export with the apostrophe that keeps
    /// them text, numbers as they are, and come back from it as they were, from CSV and from .xlsx.
    /// </summary>
    [Fact]
    public async Task FormulaLikeNames_AreExportedInert_AndImportedBackAsTheyWere()
    {
        await using var source = await TestCounty.CreateAsync(DbProvider.Sqlite);
        string[] names = ["=1+1", "@SUM(A1)", "+1", "-1", "'=HYPERLINK(\"x\")"];
        foreach (var name in names) await source.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member(name: name));
        using var csv = new MemoryStream();
        using var xlsx = new MemoryStream();
        await source.As<ExportRegistry>(source.Admin).HandleAsync(new ListHouseholds.Query(), SheetFormat.Csv, csv);
        await source.As<ExportRegistry>(source.Admin).HandleAsync(new ListHouseholds.Query(), SheetFormat.Xlsx, xlsx);

        var raw = Encoding.UTF8.GetString(csv.ToArray());
        Assert.Contains(",'=1+1,", raw, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1),", raw, StringComparison.Ordinal);
        Assert.Contains(",'+1,", raw, StringComparison.Ordinal);
        Assert.Contains(",'-1,", raw, StringComparison.Ordinal);
        Assert.Contains(",\"''=HYPERLINK(\"\"x\"\")\",", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(",=1+1,", raw, StringComparison.Ordinal);
        // The housing area, a number, is written as it is.
        Assert.Contains(",80.5,", raw, StringComparison.Ordinal);

        foreach (var (file, format) in new[] { (csv, SheetFormat.Csv), (xlsx, SheetFormat.Xlsx) })
        {
            await using var target = await TestCounty.CreateAsync(DbProvider.Sqlite);
            file.Position = 0;
            var imported = await ImportAsync(target, file, "export." + format.ToString().ToLowerInvariant());
            Assert.True(imported.Ok, string.Join("\n", imported.Errors));
            var stored = await target.QueryAsync(db => db.Members.Select(m => m.Name).ToListAsync());
            Assert.Equal(names.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Export_MasksIds_ForRolesThatSeeThemMasked()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var member = Build.Member();
        await county.AddHouseholdAsync("三胡乡/黄柏园村", member);
        using var full = new MemoryStream();
        using var masked = new MemoryStream();

        await county.As<ExportRegistry>(county.Admin).HandleAsync(new ListHouseholds.Query(), SheetFormat.Csv, full);
        var result = await county.As<ExportRegistry>(county.Inspector).HandleAsync(new ListHouseholds.Query(), SheetFormat.Csv, masked);

        Assert.Contains(member.ResidentId!, Encoding.UTF8.GetString(full.ToArray()), StringComparison.Ordinal);
        Assert.True(result.Masked);
        var text = Encoding.UTF8.GetString(masked.ToArray());
        Assert.DoesNotContain(member.ResidentId!, text, StringComparison.Ordinal);
        Assert.Contains(ResidentId.Mask(member.ResidentId!), text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800001234", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A grouped file of 5,200 rows: pass 2 builds each household again from its rows and writes them
    /// in batches of 5,000 members inside one transaction, so households and members meet across batches.
    /// </summary>
    [Theory, BothDatabases]
    public async Task LargeGroupedFile_IsWrittenInBatches_EveryMemberWithItsHousehold(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (lines, ids) = LargeFile(2600);

        var result = await ImportAsync(county, Csv(lines));

        Assert.True(result.Ok, string.Join("\n", result.Errors.Take(5)));
        Assert.Equal((5200, 2600, 2600, 0, 5200), (result.Rows, result.Households, result.Created, result.Updated, result.MembersWritten));
        var stored = await county.QueryAsync(async db => (
            Households: await db.Households.CountAsync(),
            Sizes: await db.Households.Where(h => h.Size != 2).CountAsync(),
            Members: await db.Members.CountAsync(),
            NotTwo: await db.Members.GroupBy(m => m.HouseholdId).Where(g => g.Count() != 2).CountAsync(),
            Heads: await db.Members.CountAsync(m => m.Relation == Relation.Head),
            Incomes: await db.Incomes.CountAsync(),
            Audit: await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Bulk)));
        Assert.Equal((2600, 0, 5200, 0, 2600, 2600, 1), stored);
        // A large import leaves the planner's statistics of the tables it wrote, and of those only (a whole-database ANALYZE
        // sampled every concern's tables of every county).
        var analyzed = await county.QueryAsync(async db =>
        {
            var sql = provider == DbProvider.Sqlite
                ? "SELECT DISTINCT tbl AS \"Value\" FROM sqlite_stat1"
                : "SELECT relname AS \"Value\" FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL";
            return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        });
        Assert.Contains("members", analyzed);
        Assert.Contains("member_name_grams", analyzed);
        Assert.Contains("households", analyzed);
        Assert.DoesNotContain("audit_entries", analyzed);
        Assert.DoesNotContain("villages", analyzed);
        // Each household's members are the rows that carry its number, also for the last batch.
        foreach (var (number, head, spouse) in new[] { ("4228272022090001", ids[0], ids[1]), ("4228272022092501", ids[5000], ids[5001]), ("4228272022092600", ids[^2], ids[^1]) })
        {
            var members = await county.QueryAsync(db => db.Members.Where(m => m.Household!.Number == number).Select(m => new { m.Relation, m.ResidentIdIndex }).ToListAsync());
            Assert.Equal([(Relation.Head, county.Protector.Index(head)), (Relation.Spouse, county.Protector.Index(spouse))],
                members.OrderBy(m => m.Relation).Select(m => (m.Relation, m.ResidentIdIndex)));
        }
    }

    /// <summary>
    /// All or nothing even after batches were written: households are written as they are checked,
    /// inside one transaction, so a row rejected after the first batches (here row 5,102, without its
    /// relation) rolls the whole import back.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RowRejectedAfterBatchesWereWritten_LeavesTheDatabaseUnchanged(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (lines, _) = LargeFile(2600);
        lines[5101] = lines[5101].Replace("户主", "", StringComparison.Ordinal);
        var before = await CountsAsync(county);
        var timings = new ImportTimings();

        var result = await ImportAsync(county, Csv(lines), options: new ImportRegistry.Options(Timings: timings));

        Assert.False(result.Stored);
        Assert.Equal([(5102, "与户主关系", "member.relation_required"), (5102, "与户主关系", "household.no_head")], result.Errors.Select(e => (e.Row, e.Column, e.Code)));
        // The first batches did go to the database before the row was read, and were rolled back.
        Assert.Contains(timings.Phases, p => p.Name.Contains("bulk write", StringComparison.Ordinal) && p.Time > TimeSpan.Zero);
        Assert.Equal(before, await CountsAsync(county));
        Assert.Equal(0, before.Item1);
    }

    /// <summary>
    /// An import that writes as it reads keeps the duplicate-ID check to the batch in hand: an ID of an
    /// earlier batch, already written inside the import's transaction, is found in the database. Either
    /// way the row is rejected, and nothing is stored; a dry run (which writes nothing) finds it in memory.
    /// </summary>
    [Theory, BothDatabases]
    public async Task IdRepeatingAnEarlierWrittenBatch_IsRejected_AndNothingIsStored(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (lines, ids) = LargeFile(2600);
        lines[5001] = lines[5001].Replace(ids[5000], ids[2], StringComparison.Ordinal); // row 5,002 (household 2501's head) is household 2's head
        var before = await CountsAsync(county);

        var dry = await ImportAsync(county, Csv(lines), options: new ImportRegistry.Options(DryRun: true));
        var result = await ImportAsync(county, Csv(lines));

        foreach (var r in new[] { dry, result })
            Assert.Equal([(5002, "证件号码", "member.duplicate_in_file")], r.Errors.Select(e => (e.Row, e.Column, e.Code)));
        Assert.Contains("第4行", dry.Errors[0].Message.Zh, StringComparison.Ordinal);
        Assert.Contains("4228272022090002", result.Errors[0].Message.Zh, StringComparison.Ordinal);
        Assert.False(result.Stored);
        Assert.Equal(before, await CountsAsync(county));
    }

    /// <summary>
    /// A file whose household rows are apart is read twice (checks, then writing): if it changes in
    /// between (here row 5,101, after the first 5,000 members), the whole import is rolled back.
    /// </summary>
    [Theory, BothDatabases]
    public async Task UngroupedFileChangedBetweenCheckAndWrite_AfterTheFirstBatch_LeavesTheDatabaseUnchanged(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (grouped, _) = LargeFile(2600);
        // The first household's spouse moved to the end: the rows of household 1 are apart.
        var lines = grouped.Where((_, i) => i != 2).Append(grouped[2]).ToArray();
        var changed = (string[])lines.Clone();
        changed[5100] = changed[5100].Replace("户主", "", StringComparison.Ordinal); // row 5,101 (a head) loses its relation
        var encoding = new UTF8Encoding(false);
        // Read three times: the one pass that finds the rows apart, the fallback's check, and its write.
        using var file = new ChangingStream(encoding.GetBytes(string.Join("\r\n", lines) + "\r\n"), encoding.GetBytes(string.Join("\r\n", changed) + "\r\n"), readsBefore: 2);
        var before = await CountsAsync(county);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ImportAsync(county, file));

        Assert.Contains("Row 5101", failure.Message, StringComparison.Ordinal);
        Assert.True(file.Changed);
        Assert.Equal(before, await CountsAsync(county));
        Assert.Equal(0, before.Item1);
    }

    private static Task<(int, int, int, int, int, int)> CountsAsync(TestCounty county) => county.QueryAsync(async db => (await db.Households.CountAsync(), await db.Members.CountAsync(),
        await db.VillageGroups.CountAsync(), await db.Incomes.CountAsync(), await db.StatusChanges.CountAsync(), await db.AuditEntries.CountAsync()));

    private static (string[] Lines, List<string> Ids) LargeFile(int households)
    {
        var lines = new List<string> { Header };
        var ids = new List<string>();
        for (var i = 1; i <= households; i++)
        {
            var number = "422827202209" + i.ToString("D4", CultureInfo.InvariantCulture);
            var head = Build.NewResidentId(Sex.Male).Value;
            var spouse = Build.NewResidentId(Sex.Female).Value;
            ids.Add(head);
            ids.Add(spouse);
            lines.Add(Row(number, "田大山", head, "户主"));
            lines.Add(Row(number, "向秀英", spouse, "配偶"));
        }
        return ([.. lines], ids);
    }

    /// <summary>
    /// A file that is one thing for its first <paramref name="readsBefore"/> reads (each a rewind after
    /// reading more than the encoding probe) and another after: as if it changed on disk.
    /// </summary>
    private sealed class ChangingStream(byte[] first, byte[] second, int readsBefore = 1) : Stream
    {
        private MemoryStream _inner = new(first);
        private int _reads;
        private long _furthest;

        public bool Changed { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set
            {
                if (value == 0 && _furthest > 100_000)
                {
                    _reads++;
                    _furthest = 0;
                }
                if (_reads >= readsBefore && !Changed)
                {
                    _inner = new MemoryStream(second);
                    Changed = true;
                }
                _inner.Position = value;
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = _inner.Read(buffer, offset, count);
            _furthest = Math.Max(_furthest, _inner.Position);
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
