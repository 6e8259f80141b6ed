using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Housing;

public sealed class HousingCommandTests
{
    [Fact]
    public async Task HousingEligibility_NamesTheCategoryAndWhy_Exits1ForASafeHouse_And2ForAnUnknownNumber()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var village = county.Villages["三胡乡/黄柏园村"].Id;
        var adobe = await county.As<CreateHousehold>(county.Admin).HandleAsync(new CreateHousehold.Request(
            Build.Household(village) with { Housing = HousingSafety.Safe, IsAdobeHouse = true }, [Build.Member()], RegisteredOn: new DateOnly(2014, 10, 1)));
        var safe = await county.As<CreateHousehold>(county.Admin).HandleAsync(new CreateHousehold.Request(
            Build.Household(village) with { Housing = HousingSafety.Safe, IsAdobeHouse = false }, [Build.Member()], RegisteredOn: new DateOnly(2014, 10, 1)));
        var numbers = await county.QueryAsync(db => db.Households.ToDictionaryAsync(h => h.Id, h => h.Number));
        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];

        var (json, jsonText, jsonError) = await RunAsync(["housing", "eligibility", .. db, "--household", numbers[adobe], "--format", "json"]);
        var (text, textOutput, _) = await RunAsync(["housing", "eligibility", .. db, "--household", numbers[safe]]);
        var (unknown, _, unknownError) = await RunAsync(["housing", "eligibility", .. db, "--household", "4228279999999999"]);

        Assert.True(json == 0, jsonError);
        using (var doc = JsonDocument.Parse(jsonText))
        {
            Assert.Equal("危旧房、土坯房改造直补", doc.RootElement.GetProperty("categoryName").GetString());
            Assert.Contains(doc.RootElement.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("土坯房", StringComparison.Ordinal));
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("amount").ValueKind);
        }
        Assert.Equal(1, text);
        Assert.Contains("不符合住房补助条件", textOutput, StringComparison.Ordinal);
        Assert.Contains("有安全住房", textOutput, StringComparison.Ordinal);
        Assert.Equal(2, unknown);
        Assert.False(string.IsNullOrWhiteSpace(unknownError));
    }
}
