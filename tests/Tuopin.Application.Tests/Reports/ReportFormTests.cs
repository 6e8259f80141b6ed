using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Application.Exit;
using Tuopin.Application.Registry;
using Tuopin.Application.Reports;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Reports;

/// <summary>Each report form's figures on a small hand-counted county, on both databases, and the .xlsx read back.</summary>
public sealed class ReportFormTests
{
    // 三胡乡: A (3 people, exits 2015, returns 2016-06), B (1, stays poor), D (2, registered 2016-03).
    // 翔凤镇: C (2, exits 2016-12), E (1, removed 2016-05).
    private sealed record Fixture(TestCounty County, Guid A, Guid B, Guid C, Guid D, Guid E);

    private static async Task<Fixture> BuildAsync(TestCounty county)
    {
        var a = await county.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member(), Build.Member(Relation.Spouse, Sex.Female), Build.Member(Relation.Son));
        var b = await county.AddHouseholdAsync("三胡乡/石桥村", Build.Member());
        var c = await county.AddHouseholdAsync("翔凤镇/老茶村", Build.Member(), Build.Member(Relation.Daughter, Sex.Female));
        var e = await county.AddHouseholdAsync("翔凤镇/老茶村", Build.Member());
        var fields = Build.Household(county.Villages["三胡乡/黄柏园村"].Id);
        fields.RegistrationYear = 2016;
        var d = await county.As<CreateHousehold>(county.Admin).HandleAsync(new CreateHousehold.Request(fields, [Build.Member(), Build.Member(Relation.Spouse, Sex.Female)], RegisteredOn: new DateOnly(2016, 3, 1)));
        await ChangeAsync(county, a, HouseholdStatus.Exited, 2015, new DateOnly(2015, 12, 15));
        await ChangeAsync(county, e, HouseholdStatus.Removed, null, new DateOnly(2016, 5, 1));
        await ChangeAsync(county, a, HouseholdStatus.Returned, null, new DateOnly(2016, 6, 1));
        await ChangeAsync(county, c, HouseholdStatus.Exited, 2016, new DateOnly(2016, 12, 15));
        return new Fixture(county, a, b, c, d, e);
    }

    private static async Task ChangeAsync(TestCounty county, Guid id, HouseholdStatus to, int? year, DateOnly date)
    {
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, h.Version, to, year, date, "测试"));
    }

    private static decimal[] Figures(GetReport.Result r, GetReport.Row row, params string[] keys) =>
        keys.Select(k => row.Values[r.Columns.Select(c => c.Key).ToList().IndexOf(k)]).ToArray();

    private static GetReport.Row RowOf(GetReport.Result r, string area) => r.Rows.Single(x => x.Area == area);

    private static readonly string[] PopulationKeys = ["start_h", "start_p", "new_h", "new_p", "exit_h", "exit_p", "return_h", "return_p", "removed_h", "removed_p", "end_h", "end_p"];

    [Theory, BothDatabases]
    public async Task Population_CountsStartNewExitReturnRemovedEnd_ByTownshipAndVillage(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await BuildAsync(county);

        var r = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016));

        Assert.Equal(ReportLevel.County, r.Level);
        Assert.Equal("来凤县", r.AreaName);
        Assert.Equal(county.Townships.Count, r.Rows.Count);
        Assert.Equal([1, 1, 1, 2, 0, 0, 1, 3, 0, 0, 3, 6], Figures(r, RowOf(r, "三胡乡"), PopulationKeys));
        Assert.Equal([2, 3, 0, 0, 1, 2, 0, 0, 1, 1, 0, 0], Figures(r, RowOf(r, "翔凤镇"), PopulationKeys));
        Assert.Equal([3, 4, 1, 2, 1, 2, 1, 3, 1, 1, 3, 6], Figures(r, r.Total, PopulationKeys));

        // The same area at township level: a row per village.
        var sanhu = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016, Township: "三胡乡"));
        Assert.Equal(ReportLevel.Township, sanhu.Level);
        Assert.Equal([0, 0, 1, 2, 0, 0, 1, 3, 0, 0, 2, 5], Figures(sanhu, RowOf(sanhu, "黄柏园村"), PopulationKeys));
        Assert.Equal([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1], Figures(sanhu, RowOf(sanhu, "石桥村"), PopulationKeys));
        Assert.Equal(Figures(r, RowOf(r, "三胡乡"), PopulationKeys), Figures(sanhu, sanhu.Total, PopulationKeys));

        // The end of 2015 as the dashboard counts it as of that date: the same figures as the 2016 form's start.
        var overview = await county.As<CountyOverview>(county.Admin).HandleAsync(new DateOnly(2015, 12, 31));
        Assert.Equal((3, 4), (overview.Remaining.Households, overview.Remaining.People));
        var end2016 = await county.As<CountyOverview>(county.Admin).HandleAsync(new DateOnly(2016, 12, 31));
        foreach (var t in end2016.ByTownship)
            Assert.Equal([t.Remaining.Households, t.Remaining.People], Figures(r, RowOf(r, t.Name), "end_h", "end_p"));

        // As of a date within the year: C has not exited yet.
        var june = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016, AsOf: new DateOnly(2016, 6, 30)));
        Assert.Equal([0, 0, 1, 1, 1, 2], Figures(june, RowOf(june, "翔凤镇"), "exit_h", "exit_p", "removed_h", "removed_p", "end_h", "end_p"));
    }

    [Theory, BothDatabases]
    public async Task Assistance_CountsPairedHouseholdsCadresAndMeasuresByType(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await BuildAsync(county);
        // 2017: assessed are households poor at the end of 2016 — A, B, D (三胡乡). A and B paired with the same cadre, D with none.
        var v1 = county.Villages["三胡乡/黄柏园村"];
        var v2 = county.Villages["三胡乡/石桥村"];
        await county.QueryAsync(async db =>
        {
            var cadre = new Cadre { Id = Guid.NewGuid(), CountyId = county.CountyId, Name = "王干部", WorkUnit = "县农业局" };
            db.Add(cadre);
            db.Add(new CadreAssignment { Id = Guid.NewGuid(), CountyId = county.CountyId, TownshipId = v1.TownshipId, VillageId = v1.Id, HouseholdId = f.A, CadreId = cadre.Id, StartedOn = new DateOnly(2016, 1, 1), RecordedBy = "tests" });
            db.Add(new CadreAssignment { Id = Guid.NewGuid(), CountyId = county.CountyId, TownshipId = v2.TownshipId, VillageId = v2.Id, HouseholdId = f.B, CadreId = cadre.Id, StartedOn = new DateOnly(2016, 1, 1), RecordedBy = "tests" });
            Measure M(Guid h, (Guid Id, Guid TownshipId) v, MeasureType type, MeasureStatus status) => new()
            {
                Id = Guid.NewGuid(), HouseholdId = h, CountyId = county.CountyId, TownshipId = v.TownshipId, VillageId = v.Id, Year = 2017, Type = type, Status = status, Content = "测试", RecordedBy = "tests",
            };
            db.AddRange(M(f.A, v1, MeasureType.Industry, MeasureStatus.Done), M(f.A, v1, MeasureType.Education, MeasureStatus.Planned),
                M(f.B, v2, MeasureType.Industry, MeasureStatus.InProgress), M(f.D, v1, MeasureType.Industry, MeasureStatus.Cancelled));
            return await db.SaveChangesAsync();
        });

        var r = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.Assistance, 2017));
        var industry = "m" + MeasureTypes.Codes[MeasureType.Industry].Code;
        var education = "m" + MeasureTypes.Codes[MeasureType.Education].Code;
        Assert.Equal([3, 2, 1, 3, 2, 1], Figures(r, RowOf(r, "三胡乡"), "households", "paired", "cadres", "measures", industry, education));
        Assert.Equal([0, 0, 0, 0], Figures(r, RowOf(r, "翔凤镇"), "households", "paired", "cadres", "measures"));
        Assert.Equal([3, 2, 1, 3], Figures(r, r.Total, "households", "paired", "cadres", "measures"));

        var sanhu = await county.As<GetReport>(county.TownshipOfficer("三胡乡")).HandleAsync(new GetReport.Request(ReportCatalogue.Assistance, 2017));
        Assert.Equal(ReportLevel.Township, sanhu.Level);
        Assert.Equal([2, 1, 1, 2, 1, 1], Figures(sanhu, RowOf(sanhu, "黄柏园村"), "households", "paired", "cadres", "measures", industry, education));
        Assert.Equal([1, 1, 1, 1], Figures(sanhu, RowOf(sanhu, "石桥村"), "households", "paired", "cadres", "measures"));
        // The cadre pairs in both villages and counts once for the township.
        Assert.Equal([3, 2, 1, 3], Figures(sanhu, sanhu.Total, "households", "paired", "cadres", "measures"));

        // D is paired on 1 July 2017 with a second cadre: counted at the year's end, not as of 30 June.
        await county.QueryAsync(async db =>
        {
            var second = new Cadre { Id = Guid.NewGuid(), CountyId = county.CountyId, Name = "李干部", WorkUnit = "县水利局" };
            db.Add(second);
            db.Add(new CadreAssignment { Id = Guid.NewGuid(), CountyId = county.CountyId, TownshipId = v1.TownshipId, VillageId = v1.Id, HouseholdId = f.D, CadreId = second.Id, StartedOn = new DateOnly(2017, 7, 1), RecordedBy = "tests" });
            return await db.SaveChangesAsync();
        });
        var yearEnd = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.Assistance, 2017));
        Assert.Equal([3, 3, 2], Figures(yearEnd, yearEnd.Total, "households", "paired", "cadres"));
        var june = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.Assistance, 2017, AsOf: new DateOnly(2017, 6, 30)));
        Assert.Equal(new DateOnly(2017, 6, 30), june.AsOf);
        Assert.Equal([3, 2, 1], Figures(june, june.Total, "households", "paired", "cadres"));

        // A form that counts the year's records takes no day: refused with the field named, not silently drawn for the year.
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<GetReport>(county.Admin).HandleAsync(
            new GetReport.Request(ReportCatalogue.VillageExits, 2017, AsOf: new DateOnly(2017, 6, 30))));
        Assert.Equal(("asOf", "report.as_of"), (refused.Problems.Single().Field, refused.Problems.Single().Code));
    }

    [Theory, BothDatabases]
    public async Task VillageExits_CountsVillagesAndTheExitBoard(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var villages = await county.QueryAsync(db => Task.FromResult(db.Villages.Where(v => v.TownshipId == county.Townships["三胡乡"]).Select(v => new { v.Name, v.IsPoor, v.PlannedExitYear }).ToList()));
        var poor2016 = villages.Where(v => v.IsPoor && v.PlannedExitYear == 2016).ToList();
        Assert.NotEmpty(poor2016);

        var r = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.VillageExits, 2016, Township: "三胡乡"));
        var board = await county.As<GetAreaExitBoard>(county.TownshipOfficer("三胡乡")).HandleAsync(new GetAreaExitBoard.Query(2016, AreaExitLevel.Village));

        Assert.Equal([villages.Count, villages.Count(v => v.IsPoor), poor2016.Count, board.Rows.Count(x => x.ProcedureId is not null), board.Rows.Count(x => x.Ready == true), board.Rows.Count(x => x.Exited), villages.Count(v => v.IsPoor && v.PlannedExitYear > 2016)],
            Figures(r, r.Total, "villages", "poor", "planned", "started", "ready", "exited", "planned_later"));
        var one = poor2016[0].Name;
        Assert.Equal([1, 1, 1], Figures(r, RowOf(r, one), "villages", "poor", "planned"));
    }

    [Theory, BothDatabases]
    public async Task ProjectFunds_SumsProjectsAllocationsAndPaymentsByTownship(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.QueryAsync(async db =>
        {
            var source = new FundSource { Id = Guid.NewGuid(), CountyId = county.CountyId, IssuingDepartment = "省财政厅", DocumentNumber = "鄂财〔2016〕1号", Year = 2016, ReceivedOn = new DateOnly(2016, 3, 1), Amount = Money.FromYuan(1_000_000m), Category = IntegrationCategory.ConditionImprovement, RecordedBy = "tests" };
            db.Add(source);
            Project P(string code, Guid? township, ProjectStep step, decimal budget, int year = 2016) => new()
            {
                Id = Guid.NewGuid(), CountyId = county.CountyId, Code = code, Name = "项目" + code, Category = ProjectCategory.Road, Year = year, ResponsibleTownshipId = township, Budget = Money.FromYuan(budget),
                OutputUnit = "公里", Step = step, RecordedBy = "tests",
            };
            var p1 = P("P1", county.Townships["三胡乡"], ProjectStep.Implementing, 300_000m);
            var p2 = P("P2", county.Townships["三胡乡"], ProjectStep.Closed, 100_000.55m);
            var p3 = P("P3", null, ProjectStep.Planned, 50_000m);
            var p4 = P("P4", county.Townships["三胡乡"], ProjectStep.Closed, 999m, 2015);
            db.AddRange(p1, p2, p3, p4);
            FundAllocation A(Project p, decimal amount, decimal paid) => new() { Id = Guid.NewGuid(), CountyId = county.CountyId, FundSourceId = source.Id, ProjectId = p.Id, AllocatedOn = new DateOnly(2016, 4, 1), Amount = Money.FromYuan(amount), Disbursed = Money.FromYuan(paid), RecordedBy = "tests" };
            db.AddRange(A(p1, 200_000m, 50_000.10m), A(p2, 100_000.55m, 100_000.55m), A(p4, 999m, 999m));
            return await db.SaveChangesAsync();
        });

        var r = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.ProjectFunds, 2016));
        string[] keys = ["projects", "started", "accepted", "closed", "budget", "allocated", "disbursed", "rate"];
        Assert.Equal([2, 2, 1, 1, 400_000.55m, 300_000.55m, 150_000.65m, 50.0m], Figures(r, RowOf(r, "三胡乡"), keys));
        Assert.Equal([1, 0, 0, 0, 50_000m, 0, 0, 0], Figures(r, RowOf(r, "县直"), keys));
        Assert.Equal([3, 2, 1, 1, 450_000.55m, 300_000.55m, 150_000.65m, 50.0m], Figures(r, r.Total, keys));

        var village = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.ProjectFunds, 2016, Township: "三胡乡", Village: "石桥村")));
        Assert.Contains("不按村编制", village.Text.Zh);
    }

    [Theory, BothDatabases]
    public async Task Training_CountsCoursesAttendancesAndPeopleOnce(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await BuildAsync(county);
        var v1 = county.Villages["三胡乡/黄柏园村"];
        var v3 = county.Villages["翔凤镇/老茶村"];
        await county.QueryAsync(async db =>
        {
            TrainingCourse C(TrainingKind kind, DateOnly ended) => new() { Id = Guid.NewGuid(), CountyId = county.CountyId, Kind = kind, Name = "培训班", Organiser = "县人社局", StartedOn = ended.AddDays(-5), EndedOn = ended };
            var c1 = C(TrainingKind.TechnicalSkills, new DateOnly(2016, 5, 10));
            var c2 = C(TrainingKind.TechnicalSkills, new DateOnly(2016, 9, 10));
            var c3 = C(TrainingKind.Yulu, new DateOnly(2015, 9, 10));
            db.AddRange(c1, c2, c3);
            TrainingAttendance T(TrainingCourse c, (Guid Id, Guid TownshipId) v, string name, bool completed = true) => new()
            {
                Id = Guid.NewGuid(), CourseId = c.Id, CountyId = county.CountyId, TownshipId = v.TownshipId, VillageId = v.Id, PersonName = name, Completed = completed, RecordedBy = "tests",
            };
            db.AddRange(T(c1, v1, "张三"), T(c2, v1, "张三"), T(c2, v1, "李四"), T(c2, v1, "王五", completed: false), T(c3, v1, "赵六"), T(c1, v3, "钱七"));
            return await db.SaveChangesAsync();
        });

        var r = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.Training, 2016));
        var skills = "k" + TrainingKinds.Codes[TrainingKind.TechnicalSkills].Code;
        Assert.Equal([2, 3, 2, 2], Figures(r, RowOf(r, "三胡乡"), "courses", "attendances", "people", skills));
        Assert.Equal([1, 1, 1, 1], Figures(r, RowOf(r, "翔凤镇"), "courses", "attendances", "people", skills));
        Assert.Equal([3, 4, 3, 3], Figures(r, r.Total, "courses", "attendances", "people", skills));

        var village = await county.As<GetReport>(county.VillageOfficer("三胡乡/黄柏园村")).HandleAsync(new GetReport.Request(ReportCatalogue.Training, 2016));
        Assert.Equal(ReportLevel.Village, village.Level);
        Assert.Equal("黄柏园村", Assert.Single(village.Rows).Area);
        Assert.Equal([2, 3, 2], Figures(village, village.Total, "courses", "attendances", "people"));
    }

    [Theory, BothDatabases]
    public async Task AnotherArea_IsNotFound_AndTheOfficersOwnAreaIsTheDefault(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await BuildAsync(county);
        var officer = county.As<GetReport>(county.TownshipOfficer("三胡乡"));

        await Assert.ThrowsAsync<NotFoundException>(() => officer.HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016, Township: "翔凤镇")));
        await Assert.ThrowsAsync<NotFoundException>(() => officer.HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016, Township: county.Townships["翔凤镇"].ToString())));
        await Assert.ThrowsAsync<NotFoundException>(() => officer.HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016, Village: "老茶村")));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetReport>(county.VillageOfficer("三胡乡/石桥村"))
            .HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016, Township: "三胡乡", Village: "黄柏园村")));
        await Assert.ThrowsAsync<NotFoundException>(() => officer.HandleAsync(new GetReport.Request("no-such-form", 2016)));

        var own = await officer.HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016));
        Assert.Equal(ReportLevel.Township, own.Level);
        Assert.Equal("来凤县三胡乡", own.AreaName);
        Assert.Equal([3, 6], Figures(own, own.Total, "end_h", "end_p"));
        Assert.Contains("人民政府", own.MadeBy);

        // The inspector reads the whole county.
        var inspector = await county.As<GetReport>(county.Inspector).HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016, Township: "翔凤镇"));
        Assert.Equal([2, 3], Figures(inspector, inspector.Total, "start_h", "start_p"));
    }

    [Theory, BothDatabases]
    public async Task Workbook_HoldsTitleHeaderRowsTotalsBasisAndFooter_AsTheQueryGaveThem(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await BuildAsync(county);
        var r = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016, Township: "三胡乡"));

        var rows = XlsxReader.Read(new MemoryStream(ReportWorkbook.Write(r))).ToList();

        Assert.Equal("贫困人口动态变化表", rows[0][0].Text);
        Assert.Contains("来凤县三胡乡", rows[1][0].Text);
        Assert.Contains("2016年度", rows[1][0].Text);
        Assert.Contains("户、人", rows[1][0].Text);
        Assert.Equal(["村", .. r.Columns.Select(c => c.Zh)], rows[2].Cells.Select(c => c.Text).ToArray());
        for (var i = 0; i < r.Rows.Count; i++)
        {
            Assert.Equal(r.Rows[i].Area, rows[3 + i][0].Text);
            Assert.Equal(r.Rows[i].Values, rows[3 + i].Cells.Skip(1).Select(c => decimal.Parse(c.Text, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
        var total = rows[3 + r.Rows.Count];
        Assert.Equal("合计", total[0].Text);
        Assert.Equal(r.Total.Values, total.Cells.Skip(1).Select(c => decimal.Parse(c.Text, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        var after = rows.Skip(4 + r.Rows.Count).Where(x => !x.IsBlank).Select(x => x[0].Text).ToList();
        Assert.StartsWith("口径：", after[0]);
        Assert.Contains("制表单位：来凤县扶贫开发领导小组办公室", after[1]);
        Assert.Contains("制表时间：", after[1]);
    }

    [Fact]
    public async Task AForm_OpensInLibreOffice_AndConvertsToPdf()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await BuildAsync(county);
        var r = await county.As<GetReport>(county.Admin).HandleAsync(new GetReport.Request(ReportCatalogue.Assistance, 2017));
        var conversion = new PdfConversion();
        Assert.True(conversion.Available, "LibreOffice is installed on CI and on the development machines");

        var pdf = await conversion.ToPdfAsync(ReportWorkbook.Write(r), ".xlsx");

        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        Assert.True(pdf.Length > 5_000, $"a one-page form with its text: {pdf.Length} bytes");
    }
}
