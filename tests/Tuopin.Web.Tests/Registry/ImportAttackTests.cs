using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Registry;

/// <summary>The import attacked as a village officer would: to change what only the county decides.</summary>
public sealed class ImportAttackTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task AVillageOfficersFile_MayNotExitOrRemoveHouseholds_TheCountysMay(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village, Build.Member(name: "石大山"));
        await using var app = await RunningApp.StartAsync(county);
        var officer = await app.ClientAsAsync(Role.VillageOfficer, Village);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        var exported = await officer.GetByteArrayAsync("/api/v1/registry/export?format=csv");

        foreach (var (status, year) in new[] { ("已脱贫", "2016"), ("已清退", ""), ("返贫", "") })
        {
            var changed = Change(exported, ("脱贫状态", status), ("脱贫年度", year));
            var response = await officer.PostAsync("/api/v1/registry/import?fileName=registry.csv&update=true", new ByteArrayContent(changed));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(answer.GetProperty("stored").GetBoolean());
            var error = Assert.Single(answer.GetProperty("errors").EnumerateArray());
            Assert.Equal("status.county_only", error.GetProperty("code").GetString());
            Assert.Equal("脱贫状态", error.GetProperty("column").GetString());
            Assert.Equal(2, error.GetProperty("row").GetInt32());
            Assert.Contains("县级审定", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        // The exit year alone is the county's too.
        var yearOnly = await officer.PostAsync("/api/v1/registry/import?fileName=registry.csv&update=true", new ByteArrayContent(Change(exported, ("脱贫年度", "2016"))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, yearOnly.StatusCode);

        // A new household may only be registered as not exited.
        var fresh = Change(exported, ("户编号", "4228270099990001"), ("脱贫状态", "已脱贫"), ("脱贫年度", "2015"), ("证件号码", Build.NewResidentId().Value));
        var created = await officer.PostAsync("/api/v1/registry/import?fileName=new.csv", new ByteArrayContent(fresh));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
        Assert.Contains("status.county_only", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stored = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        Assert.Equal((HouseholdStatus.NotExited, (int?)null), (stored.Status, stored.ExitYear));
        Assert.Single(stored.StatusChanges);
        Assert.Equal(1, (await county.As<ListHouseholds>(county.Admin).HandleAsync(new ListHouseholds.Query())).Total);

        // The county's own file records the decision, with its event in the household's history.
        var byCounty = await admin.PostAsync("/api/v1/registry/import?fileName=registry.csv&update=true",
            new ByteArrayContent(Change(exported, ("脱贫状态", "已脱贫"), ("脱贫年度", "2016"), ("脱贫日期", "2016-11-20"))));
        Assert.Equal(HttpStatusCode.OK, byCounty.StatusCode);
        stored = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        Assert.Equal((HouseholdStatus.Exited, (int?)2016), (stored.Status, stored.ExitYear));
        Assert.Equal(2, stored.StatusChanges.Count);
    }

    [Theory, BothDatabases]
    public async Task TheCountysFile_FollowsTheSameStatusRules_AsTheStatusChange(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village, Build.Member(name: "石大山"));
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        var exported = await admin.GetByteArrayAsync("/api/v1/registry/export?format=csv");

        // A household that never exited cannot return to poverty, by a file no more than by the form.
        var response = await admin.PostAsync("/api/v1/registry/import?fileName=registry.csv&update=true",
            new ByteArrayContent(Change(exported, ("脱贫状态", "返贫"))));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal(HouseholdStatusRules.Code, error.GetProperty("code").GetString());
        Assert.Equal("脱贫状态", error.GetProperty("column").GetString());
        Assert.Contains("已脱贫的户才能返贫", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var stored = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        Assert.Equal(HouseholdStatus.NotExited, stored.Status);
    }

    /// <summary>The exported file with the given columns set on every data row.</summary>
    private static byte[] Change(byte[] csv, params (string Column, string Value)[] changes)
    {
        var rows = CsvReader.Read(new MemoryStream(csv)).Select(r => r.Cells.Select(c => c.Text).ToArray()).ToList();
        var header = rows[0];
        foreach (var (column, value) in changes)
        {
            var index = Array.IndexOf(header, column);
            Assert.True(index >= 0, $"no column {column}");
            foreach (var row in rows.Skip(1).Where(r => r.Any(c => c.Length > 0))) row[index] = value;
        }
        var text = new StringBuilder();
        foreach (var row in rows) text.AppendLine(string.Join(",", row.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
