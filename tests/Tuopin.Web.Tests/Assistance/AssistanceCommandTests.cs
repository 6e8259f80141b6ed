using System.Text.Json;
using Tuopin.Application.Storage;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Assistance;

public sealed class AssistanceCommandTests
{
    [Fact]
    public async Task AssistanceCoverage_WithAnUncoveredPoorHousehold_Exits1_WithItsCount_AndAnUnknownTownship_Exits2()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await county.AddHouseholdAsync("三胡乡/黄柏园村");
        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];

        var (json, jsonText, jsonError) = await RunAsync(["assistance", "coverage", .. db, "--year", "2016", "--format", "json"]);
        var (text, textOutput, _) = await RunAsync(["assistance", "coverage", .. db, "--year", "2016", "--township", "三胡乡"]);
        var (elsewhere, elsewhereText, _) = await RunAsync(["assistance", "coverage", .. db, "--year", "2016", "--township", "翔凤镇", "--format", "json"]);
        var (unknown, _, unknownError) = await RunAsync(["assistance", "coverage", .. db, "--year", "2016", "--township", "没有这个乡"]);

        Assert.True(json == 1, jsonError);
        using (var doc = JsonDocument.Parse(jsonText))
        {
            var root = doc.RootElement;
            Assert.Equal(2016, root.GetProperty("year").GetInt32());
            Assert.Equal(1, root.GetProperty("poorHouseholds").GetInt32());
            var rules = root.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("count").GetInt32());
            Assert.Equal(1, rules["no_cadre"]);
            Assert.Equal(1, rules["no_measures"]);
            Assert.Equal(0, rules["cadre_ended"]);
            var noCadre = root.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "no_cadre");
            Assert.Equal("无帮扶责任人", noCadre.GetProperty("name").GetString());
            Assert.True(root.GetProperty("open").GetInt32() > 0);
        }
        Assert.Equal(1, text);
        Assert.Contains("无帮扶责任人：1 户", textOutput, StringComparison.Ordinal);
        Assert.Contains("贫困村无驻村工作队", textOutput, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(elsewhereText))
            Assert.Equal(0, doc.RootElement.GetProperty("poorHouseholds").GetInt32());
        Assert.Equal(2, unknown);
        Assert.Contains("没有这个乡", unknownError, StringComparison.Ordinal);
    }
}
