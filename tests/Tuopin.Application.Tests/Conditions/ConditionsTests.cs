using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Conditions;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Conditions;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Conditions;

/// <summary>Village conditions: who may enter them where, imports, and coverage against hand-counted fixtures.</summary>
public sealed class ConditionsTests
{
    private static ConditionFields Fields(bool road = true, bool bus = true, int natural = 5, int naturalRoad = 4, int naturalPower = 5,
        int households = 100, int piped = 96, int safe = 100, int power = 100, int radioTv = 100, bool broadband = true, bool mobile = true,
        bool school = false, bool clinic = true, bool service = false, bool culture = false) => new()
    {
        HardenedRoad = road, BusService = bus, NaturalVillages = natural, NaturalVillagesWithRoad = naturalRoad, NaturalVillagesWithPower = naturalPower,
        Households = households, PipedWaterHouseholds = piped, SafeWaterHouseholds = safe, ElectricityHouseholds = power, RadioTvHouseholds = radioTv,
        Broadband = broadband, MobileSignal = mobile, SchoolOrKindergarten = school, Clinic = clinic, ServiceCentre = service, CulturalCentre = culture,
    };

    private static Actor LineDepartment(TestCounty county, Department department = Department.Water) =>
        new(Guid.NewGuid(), Departments.Name(department).Zh, Role.LineDepartment, AreaScope.County(county.CountyId), department);

    private static Task<int> CountAsync(TestCounty county) => county.QueryAsync(db => db.VillageConditions.CountAsync());

    [Theory, BothDatabases]
    public async Task VillageOfficer_WritesTheirVillage_NotAnother(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var officer = county.VillageOfficer("三胡乡/石桥村");

        var saved = await county.As<SaveVillageCondition>(officer).HandleAsync(new SaveVillageCondition.Request(county.Villages["三胡乡/石桥村"].Id, 2016, Fields()));
        Assert.True(saved.Created);
        var other = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SaveVillageCondition>(officer)
            .HandleAsync(new SaveVillageCondition.Request(county.Villages["三胡乡/黄柏园村"].Id, 2016, Fields())));
        Assert.Equal("villageId", Assert.Single(other.Problems).Field);
        Assert.Equal(1, await CountAsync(county));

        // The record is audited in the officer's name.
        var audit = await county.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(VillageCondition)).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(officer.UserName, entry.UserName);
        Assert.Equal(AuditAction.Insert, entry.Action);
        Assert.Contains("\"safeWaterHouseholds\"", entry.Changes);
    }

    [Theory, BothDatabases]
    public async Task TownshipOfficer_CannotReadOrWriteAnotherTownship(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.As<SaveVillageCondition>(county.Admin).HandleAsync(new SaveVillageCondition.Request(county.Villages["翔凤镇/老茶村"].Id, 2016, Fields()));
        await county.As<SaveVillageCondition>(county.Admin).HandleAsync(new SaveVillageCondition.Request(county.Villages["三胡乡/石桥村"].Id, 2016, Fields()));
        var sanhu = county.TownshipOfficer("三胡乡");

        var mine = await county.As<ListVillageConditions>(sanhu).HandleAsync(new ListVillageConditions.Query(2016));
        Assert.Equal("石桥村", Assert.Single(mine).VillageName);
        Assert.Empty(await county.As<ListVillageConditions>(sanhu).HandleAsync(new ListVillageConditions.Query(TownshipId: county.Townships["翔凤镇"])));
        Assert.Empty(await county.As<ListVillageConditions>(sanhu).HandleAsync(new ListVillageConditions.Query(VillageId: county.Villages["翔凤镇/老茶村"].Id)));
        var coverage = await county.As<ConditionCoverage>(sanhu).HandleAsync(new ConditionCoverage.Query(2016));
        Assert.Equal(1, coverage.Area.Reported);
        Assert.Equal("三胡乡", Assert.Single(coverage.Townships).Name);

        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SaveVillageCondition>(sanhu)
            .HandleAsync(new SaveVillageCondition.Request(county.Villages["翔凤镇/老茶村"].Id, 2016, Fields(road: false), Version: 1)));
        var laocha = await county.As<ListVillageConditions>(county.Admin).HandleAsync(new ListVillageConditions.Query(VillageId: county.Villages["翔凤镇/老茶村"].Id));
        Assert.True(Assert.Single(laocha).Fields.HardenedRoad);
    }

    [Theory, BothDatabases]
    public async Task LineDepartment_ChangesOnlyItsOwnIndicators_InARecordTheVillageOpened_InspectorOnlyReads(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var village = county.Villages["翔凤镇/老茶村"].Id;
        var water = LineDepartment(county, Department.Water);

        var unopened = await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SaveVillageCondition>(water)
            .HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields())));
        Assert.Contains("村或乡镇建立", unopened.Text.Zh, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(county));

        var opened = await county.As<SaveVillageCondition>(county.VillageOfficer("翔凤镇/老茶村")).HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields(piped: 80)));
        var own = await county.As<SaveVillageCondition>(water).HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields(piped: 96, safe: 99), opened.Version));
        var road = await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SaveVillageCondition>(water)
            .HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields(piped: 96, safe: 99, road: false, households: 120), own.Version)));
        Assert.Contains("行政村通硬化路", road.Text.Zh, StringComparison.Ordinal);
        Assert.Contains("农户数", road.Text.Zh, StringComparison.Ordinal);
        Assert.StartsWith("水利局", road.Text.Zh, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SaveVillageCondition>(LineDepartment(county, Department.Transport))
            .HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields(piped: 50, safe: 99), own.Version)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SaveVillageCondition>(county.Inspector)
            .HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields(road: false), Version: own.Version)));

        var stored = Assert.Single(await county.As<ListVillageConditions>(county.Inspector).HandleAsync(new ListVillageConditions.Query(2016)));
        Assert.Equal((96, 99, true, 100), (stored.Fields.PipedWaterHouseholds, stored.Fields.SafeWaterHouseholds, stored.Fields.HardenedRoad, stored.Fields.Households));
    }

    [Theory, BothDatabases]
    public async Task Correction_NeedsTheCurrentVersion_AndPartsCannotExceedTheWhole(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var save = county.As<SaveVillageCondition>(county.Admin);
        var village = county.Villages["三胡乡/石桥村"].Id;
        var first = await save.HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields()));

        var second = await county.As<SaveVillageCondition>(county.Admin).HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields(bus: false), first.Version));
        Assert.Equal(first.Version + 1, second.Version);
        await Assert.ThrowsAsync<ConflictException>(() => county.As<SaveVillageCondition>(county.Admin)
            .HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields(road: false), first.Version)));
        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SaveVillageCondition>(county.Admin)
            .HandleAsync(new SaveVillageCondition.Request(village, 2016, Fields(households: 100, piped: 101, natural: 3, naturalRoad: 4), second.Version)));
        Assert.Equal(["naturalVillagesWithRoad", "naturalVillagesWithPower", "pipedWaterHouseholds"], invalid.Problems.Select(p => p.Field).ToArray());
        var stored = Assert.Single(await county.As<ListVillageConditions>(county.Admin).HandleAsync(new ListVillageConditions.Query(2016)));
        Assert.False(stored.Fields.BusService);
        Assert.True(stored.Fields.HardenedRoad);
    }

    private const string Header = "村代码,年度,通硬化路,通客运班车,自然村数,通硬化路自然村数,通生产用电自然村数,农户数,大管网供水户数,安全饮水户数,通电户数,广播电视入户数,通宽带,移动信号覆盖,学校或幼儿园,卫生室,便民服务中心,文化活动室,备注";

    private static async Task<string> CodeAsync(TestCounty county, string village)
    {
        var id = county.Villages[village].Id;
        return await county.QueryAsync(db => db.Villages.Where(v => v.Id == id).Select(v => v.Code).SingleAsync());
    }

    [Theory, BothDatabases]
    public async Task Import_WithFaults_NamesEachRowAndStoresNothing(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var shiqiao = await CodeAsync(county, "三胡乡/石桥村");
        var laocha = await CodeAsync(county, "翔凤镇/老茶村");
        var csv = string.Join("\r\n",
            Header,
            $"{shiqiao},2016,是,否,5,4,5,100,96,100,100,100,是,是,否,是,否,否,",
            $"{shiqiao},2017,是,是,5,6,5,100,96,100,100,100,是,是,否,是,否,否,",    // row 3: 6 of 5 natural villages
            $"{laocha},2016,也许,是,5,4,5,100,96,100,100,100,是,是,否,是,否,否,",      // row 4: not a yes/no
            $"999999999999,2016,是,是,5,4,5,100,96,100,100,100,是,是,否,是,否,否,",  // row 5: no such village
            $"{shiqiao},2016,是,是,5,4,5,100,96,100,100,100,是,是,否,是,否,否,",     // row 6: repeats row 2
            $"{laocha},2015,是,是,5,4,5,一百,96,100,100,100,是,是,否,是,否,否,");     // row 7: not a number

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportVillageConditions>(county.Admin)
            .HandleAsync(new ImportVillageConditions.Request(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "conditions.csv")));

        var fields = error.Problems.Select(p => p.Field).ToList();
        Assert.Contains("rows[3].naturalVillagesWithRoad", fields);
        Assert.Contains("rows[4].通硬化路", fields);
        Assert.Contains("rows[5].村代码", fields);
        Assert.Contains("rows[6].村代码", fields);
        Assert.Contains("rows[7].农户数", fields);
        Assert.DoesNotContain(fields, f => f.StartsWith("rows[2]", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Zh.StartsWith("第 6 行", StringComparison.Ordinal) && p.Message.Zh.Contains("第 2 行"));
        Assert.Equal(0, await CountAsync(county));
    }

    [Theory, BothDatabases]
    public async Task Import_OutsideTheArea_IsRefusedWhole(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var shiqiao = await CodeAsync(county, "三胡乡/石桥村");
        var laocha = await CodeAsync(county, "翔凤镇/老茶村");
        var csv = string.Join("\n", Header,
            $"{shiqiao},2016,是,否,5,4,5,100,96,100,100,100,是,是,否,是,否,否,",
            $"{laocha},2016,是,否,5,4,5,100,96,100,100,100,是,是,否,是,否,否,");

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportVillageConditions>(county.TownshipOfficer("三胡乡"))
            .HandleAsync(new ImportVillageConditions.Request(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "c.csv")));
        Assert.Equal("rows[3].村代码", Assert.Single(error.Problems).Field);
        Assert.Equal(0, await CountAsync(county));
    }

    [Theory, BothDatabases]
    public async Task Import_Xlsx_CreatesThenUpdates(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var shiqiao = await CodeAsync(county, "三胡乡/石桥村");
        var laocha = await CodeAsync(county, "翔凤镇/老茶村");
        var headings = Header.Split(',');
        // Numbers as number cells, as Excel stores them.
        object?[] Row(string code, int year, int piped) => [code, year, "是", "否", 5, 4, 5, 100, piped, 100, 100, 100, "是", "是", "否", "是", "否", "否", null];
        async Task<ImportVillageConditions.Result> ImportAsync(Actor actor, params object?[][] rows)
        {
            var stream = new MemoryStream();
            using (var writer = new Tuopin.Application.Common.SheetWriter(stream, Tuopin.Application.Common.SheetFormat.Xlsx, "村级基础设施"))
            {
                writer.WriteRow(headings);
                foreach (var row in rows) writer.WriteRow(row);
            }
            stream.Position = 0;
            return await county.As<ImportVillageConditions>(actor).HandleAsync(new ImportVillageConditions.Request(stream, "村级基础设施.xlsx"));
        }

        // The county opens the year's records; the water bureau then sends its own figure for its villages.
        var first = await ImportAsync(county.Admin, Row(shiqiao, 2016, 96), Row(laocha, 2016, 90));
        Assert.Equal(new ImportVillageConditions.Result(2, 2, 0, 0), first);
        var second = await ImportAsync(LineDepartment(county), Row(shiqiao, 2016, 96), Row(laocha, 2016, 95));
        Assert.Equal(new ImportVillageConditions.Result(2, 0, 1, 1), second);
        // The transport bureau's file may not carry another department's figure: nothing of it is stored.
        var transport = await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync(LineDepartment(county, Department.Transport), Row(shiqiao, 2016, 50)));
        Assert.Contains("大管网供水户数", transport.Text.Zh, StringComparison.Ordinal);
        var stored = await county.As<ListVillageConditions>(county.Admin).HandleAsync(new ListVillageConditions.Query(2016));
        Assert.Equal(95, stored.Single(s => s.VillageName == "老茶村").Fields.PipedWaterHouseholds);
        Assert.Equal(2, stored.Single(s => s.VillageName == "老茶村").Version);
    }

    /// <summary>
    /// A workbook as the county office collects it: a cover sheet, one sheet per township with a title,
    /// totals and a footer, values as people type them (√/×, 有/无, Y/N, thousands separators, numbers as
    /// text); a wrong value is named with its sheet and row, and the fixed file is stored with every
    /// skipped row listed.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Import_OfficeWorkbook_SheetsTitlesTotalsAndFooters(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var shiqiao = await CodeAsync(county, "三胡乡/石桥村");
        var laocha = await CodeAsync(county, "翔凤镇/老茶村");
        var headings = Header.Split(',');
        MemoryStream Book(string laochaRoad) => OfficeBooks.Book(
            new OfficeBooks.Sheet("封面", [["来凤县2016年村级基础设施统计表"], ["县扶贫办编"]]),
            new OfficeBooks.Sheet("三胡乡", [
                ["三胡乡村级基础设施情况表"],
                [],
                headings,
                [shiqiao, "2016", "√", "×", 5, "4", 5, "1,200", "1,150", 1200, 1200, 1200, "有", "Y", "N", "是", "无", "否", null],
                ["合计", null, null, null, 5, 4, 5, 1200],
                ["填表人：张三", null, null, "审核人：李四"],
            ]),
            new OfficeBooks.Sheet("翔凤镇", [
                headings,
                [double.Parse(laocha, System.Globalization.CultureInfo.InvariantCulture), 2016d, laochaRoad, "是", 3, 3, 3, 80, 78, 80, 80, 80, "是", "是", "是", "是", "是", "是", "新修通组路"],
                ["小计"],
            ]));

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportVillageConditions>(county.Admin)
            .HandleAsync(new ImportVillageConditions.Request(Book("也许"), "基础设施.xlsx")));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("rows[2].通硬化路", "import.not_flag"), (problem.Field, problem.Code));
        Assert.StartsWith("工作表“翔凤镇”第 2 行，通硬化路：", problem.Message.Zh, StringComparison.Ordinal);

        var result = await county.As<ImportVillageConditions>(county.Admin).HandleAsync(new ImportVillageConditions.Request(Book("是"), "基础设施.xlsx"));

        Assert.Equal((2, 2, 0, 0), (result.Rows, result.Created, result.Updated, result.Unchanged));
        Assert.Equal(["封面|0|sheet.not_a_list", "三胡乡|1|row.title", "三胡乡|2|row.blank", "三胡乡|5|row.total", "三胡乡|6|row.footer", "翔凤镇|3|row.total"],
            result.SkippedRows.Select(s => $"{s.Sheet}|{s.Row}|{s.Code}"));
        var stored = await county.As<ListVillageConditions>(county.Admin).HandleAsync(new ListVillageConditions.Query(2016));
        var sq = stored.Single(s => s.VillageName == "石桥村").Fields;
        Assert.Equal((true, false, 1200, 1150, true, true, false, false), (sq.HardenedRoad, sq.BusService, sq.Households, sq.PipedWaterHouseholds, sq.Broadband, sq.MobileSignal, sq.SchoolOrKindergarten, sq.ServiceCentre));
        Assert.Equal("新修通组路", stored.Single(s => s.VillageName == "老茶村").Fields.Note);
    }

    /// <summary>Three villages in two townships and two zones, counted by hand below.</summary>
    [Theory, BothDatabases]
    public async Task Coverage_MatchesHandCountedFixture(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        // The targets are the built-in plan's: 100% villages with road and bus, 80% natural villages, 95% piped, 100% safe water.
        await county.QueryAsync(db => Tuopin.Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
        var save = (string v, int year, ConditionFields f) => county.As<SaveVillageCondition>(county.Admin).HandleAsync(new SaveVillageCondition.Request(county.Villages[v].Id, year, f));
        await save("三胡乡/黄柏园村", 2016, Fields(road: true, bus: false, natural: 4, naturalRoad: 3, naturalPower: 4, households: 100, piped: 90, safe: 100, power: 100, radioTv: 95));
        await save("三胡乡/石桥村", 2016, Fields(road: true, bus: true, natural: 6, naturalRoad: 4, naturalPower: 5, households: 200, piped: 190, safe: 198, power: 200, radioTv: 200, broadband: false));
        await save("翔凤镇/老茶村", 2016, Fields(road: false, bus: false, natural: 10, naturalRoad: 9, naturalPower: 10, households: 300, piped: 300, safe: 300, power: 300, radioTv: 300));
        await save("翔凤镇/老茶村", 2015, Fields(road: false, bus: false, natural: 10, naturalRoad: 2, naturalPower: 10, households: 300, piped: 150, safe: 300, power: 300, radioTv: 300));

        var result = await county.As<ConditionCoverage>(county.Admin).HandleAsync(new ConditionCoverage.Query());
        Assert.Equal(2016, result.Year);
        Assert.Equal([2015, 2016], result.Years);
        ConditionCoverage.Rate Rate(ConditionCoverage.Unit unit, ConditionIndicator i) => unit.Rates.Single(r => r.Indicator == i);

        // County: 2 of 3 villages with road; 16 of 20 natural villages (exactly 80%: met); 580/600 piped; 598/600 safe.
        Assert.Equal(3, result.Area.Reported);
        Assert.Equal(196, result.Area.Villages);
        Assert.Equal((2, 3, 66.7m, false), (Rate(result.Area, ConditionIndicator.VillageRoad).Reached, Rate(result.Area, ConditionIndicator.VillageRoad).Base, Rate(result.Area, ConditionIndicator.VillageRoad).Percent!.Value, Rate(result.Area, ConditionIndicator.VillageRoad).Met!.Value));
        Assert.Equal((16, 20, 80.0m, true), (Rate(result.Area, ConditionIndicator.NaturalVillageRoad).Reached, Rate(result.Area, ConditionIndicator.NaturalVillageRoad).Base, Rate(result.Area, ConditionIndicator.NaturalVillageRoad).Percent!.Value, Rate(result.Area, ConditionIndicator.NaturalVillageRoad).Met!.Value));
        Assert.Equal((580, 600, 96.7m, true), (Rate(result.Area, ConditionIndicator.PipedWater).Reached, Rate(result.Area, ConditionIndicator.PipedWater).Base, Rate(result.Area, ConditionIndicator.PipedWater).Percent!.Value, Rate(result.Area, ConditionIndicator.PipedWater).Met!.Value));
        Assert.Equal((598, 600, false), (Rate(result.Area, ConditionIndicator.SafeWater).Reached, Rate(result.Area, ConditionIndicator.SafeWater).Base, Rate(result.Area, ConditionIndicator.SafeWater).Met!.Value));
        Assert.Equal((1, 3), (Rate(result.Area, ConditionIndicator.Bus).Reached, Rate(result.Area, ConditionIndicator.Bus).Base));
        Assert.Equal(100m, Rate(result.Area, ConditionIndicator.Bus).Target);
        Assert.False(Rate(result.Area, ConditionIndicator.Bus).Met);
        Assert.Equal(2017, Rate(result.Area, ConditionIndicator.Bus).DueYear);
        Assert.Contains("交通运输局", Rate(result.Area, ConditionIndicator.Bus).Responsible);
        Assert.Null(Rate(result.Area, ConditionIndicator.Clinic).Target);
        Assert.Null(Rate(result.Area, ConditionIndicator.Clinic).Met);
        Assert.Contains("卫计局", Rate(result.Area, ConditionIndicator.Clinic).Responsible);
        Assert.Equal((2, 3), (Rate(result.Area, ConditionIndicator.Internet).Reached, Rate(result.Area, ConditionIndicator.Internet).Base));
        Assert.Equal((595, 600), (Rate(result.Area, ConditionIndicator.RadioTv).Reached, Rate(result.Area, ConditionIndicator.RadioTv).Base));

        // 三胡乡: 2 of its 16 villages reported; natural-village road 7/10 = 70% (behind), piped 280/300 = 93.3% (behind).
        var sanhu = result.Townships.Single(t => t.Name == "三胡乡");
        Assert.Equal((16, 2), (sanhu.Villages, sanhu.Reported));
        Assert.Equal((7, 10, 70.0m, false), (Rate(sanhu, ConditionIndicator.NaturalVillageRoad).Reached, Rate(sanhu, ConditionIndicator.NaturalVillageRoad).Base, Rate(sanhu, ConditionIndicator.NaturalVillageRoad).Percent!.Value, Rate(sanhu, ConditionIndicator.NaturalVillageRoad).Met!.Value));
        Assert.Equal((280, 300, 93.3m, false), (Rate(sanhu, ConditionIndicator.PipedWater).Reached, Rate(sanhu, ConditionIndicator.PipedWater).Base, Rate(sanhu, ConditionIndicator.PipedWater).Percent!.Value, Rate(sanhu, ConditionIndicator.PipedWater).Met!.Value));
        var xiangfeng = result.Townships.Single(t => t.Name == "翔凤镇");
        Assert.Equal((0, 1), (Rate(xiangfeng, ConditionIndicator.VillageRoad).Reached, Rate(xiangfeng, ConditionIndicator.VillageRoad).Base));
        var others = result.Townships.Where(t => t.Name is not ("三胡乡" or "翔凤镇")).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, t => Assert.Equal(0, t.Reported));
        Assert.All(others, t => Assert.Null(Rate(t, ConditionIndicator.VillageRoad).Percent));

        // Zones: 三胡黄石 holds both 三胡乡 villages, 翔凤红花 holds 老茶村.
        var zone = result.Zones.Single(z => z.Name == "三胡黄石");
        Assert.Equal((2, 7, 10), (zone.Reported, Rate(zone, ConditionIndicator.NaturalVillageRoad).Reached, Rate(zone, ConditionIndicator.NaturalVillageRoad).Base));
        Assert.Equal(1, result.Zones.Single(z => z.Name == "翔凤红花").Reported);

        // Over the years: 2015 has 老茶村 only, 2 of 10 natural villages.
        var y2015 = result.ByYear.Single(y => y.Year == 2015);
        Assert.Equal(1, y2015.Reported);
        Assert.Equal((2, 10, 20.0m), (y2015.Rates.Single(r => r.Indicator == ConditionIndicator.NaturalVillageRoad).Reached, y2015.Rates.Single(r => r.Indicator == ConditionIndicator.NaturalVillageRoad).Base, y2015.Rates.Single(r => r.Indicator == ConditionIndicator.NaturalVillageRoad).Percent!.Value));
    }

    [Theory, BothDatabases]
    public async Task DemoConditions_ImproveYearByYear_AndKeepTheRules(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var villages = await county.QueryAsync(db => db.Villages.AsNoTracking().ToListAsync());
        var rows = LoadDemoConditions.Generate(villages, new Dictionary<Guid, int>(), 7, new DateTime(2017, 12, 31, 0, 0, 0, DateTimeKind.Utc));
        var again = LoadDemoConditions.Generate(villages, new Dictionary<Guid, int>(), 7, new DateTime(2017, 12, 31, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(villages.Count * 7, rows.Count);
        Assert.All(rows, r => Assert.Empty(ConditionRules.Check(r)));
        Assert.Equal(rows.Select(r => (r.VillageId, r.Year, r.PipedWaterHouseholds, r.HardenedRoad)), again.Select(r => (r.VillageId, r.Year, r.PipedWaterHouseholds, r.HardenedRoad)));
        foreach (var village in rows.GroupBy(r => r.VillageId))
        {
            var years = village.OrderBy(r => r.Year).ToList();
            for (var i = 1; i < years.Count; i++)
                foreach (var indicator in ConditionIndicators.All)
                    Assert.True(ConditionIndicators.Count(years[i], indicator.Indicator).Reached >= ConditionIndicators.Count(years[i - 1], indicator.Indicator).Reached,
                        $"{indicator.Code} falls in {years[i].Year}");
        }
        // 2020: every target of 100% met in every village.
        Assert.Equal(villages.Count, rows.Count(r => r.Year == 2020));
        Assert.All(rows.Where(r => r.Year == 2020), r => Assert.True(r.HardenedRoad && r.BusService && r.Broadband && r.MobileSignal && r.SafeWaterHouseholds == r.Households));
    }
}
