using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Exit;

/// <summary>The self-assessment report over HTTP: file type and name, area rules, refusals with the reason.</summary>
public sealed class ExitReportApiTests
{
    private const string Huangbo = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task Report_IsADocxOrXlsx_NamedInUtf8_AndOnlyInsideTheCallersArea(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(Huangbo, Build.Member());
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(household);
        await county.As<RecordIncome>(county.Admin).HandleAsync(new RecordIncome.Request(household, h.Version, Build.Income(2016, wage: 1660m, expense: 500m)));
        var village = county.Villages[Huangbo].Id;
        await county.QueryAsync(db => db.Villages.Where(v => v.Id == village).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 100)));
        var township = county.Townships["三胡乡"];
        await using var app = await RunningApp.StartAsync(county);
        var own = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var other = await app.ClientAsAsync(Role.TownshipOfficer, "绿水镇");

        var docx = await own.GetAsync($"/api/v1/exit/areas/village/{village}/report.docx?year=2016");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("三胡乡黄柏园村-2016-自查报告.docx", docx.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("filename*=UTF-8''", docx.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
            Assert.Contains("三胡乡黄柏园村2016年贫困村退出自查报告", word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);

        var xlsx = await own.GetAsync($"/api/v1/exit/areas/township/{township}/report.xlsx?year=2016");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("三胡乡-2016-自查报告.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
            Assert.Equal(["标准", "贫困户", "村"], book.WorkbookPart!.Workbook!.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList());

        // Another township's village and township: not found, and nothing of them in the answer.
        foreach (var url in new[] { $"/api/v1/exit/areas/village/{village}/report.docx?year=2016", $"/api/v1/exit/areas/township/{township}/report.xlsx?year=2016" })
        {
            var refused = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("黄柏园", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A year without a poverty line, and an unknown level: 400 with the reason.
        var unset = await own.GetAsync($"/api/v1/exit/areas/village/{village}/report.docx?year=2017");
        Assert.Equal(HttpStatusCode.BadRequest, unset.StatusCode);
        Assert.Contains("exit.poverty_line_not_set", await unset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var level = await own.GetAsync($"/api/v1/exit/areas/nation/{village}/report.docx?year=2016");
        Assert.Equal(HttpStatusCode.BadRequest, level.StatusCode);
        // The county's own report (摘帽) is the county office's: a village officer is refused it.
        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync($"/api/v1/exit/areas/county/{village}/report.docx?year=2016")).StatusCode);
        Assert.Contains("exit.report.level", await level.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
