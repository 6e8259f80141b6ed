using System.Text.Json;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Backup;

/// <summary>tuopin copy: a county moves to the other database from the shell; a target that holds data is refused.</summary>
public sealed class CopyCommandTests
{
    [Theory, BothDatabases]
    public async Task Copy_MovesTheCounty_AndRefusesATargetThatHoldsData(DbProvider from)
    {
        await using var county = await TestCounty.CreateAsync(from);
        await county.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member(), Build.Member(Relation.Spouse, Sex.Female));
        await File.WriteAllTextAsync(Path.Combine(county.Settings.DataDirectory, "personal-data.key"), TestCounty.PersonalDataKey);
        var target = await TestDatabases.CreateAsync(from == DbProvider.Sqlite ? DbProvider.Postgres : DbProvider.Sqlite);
        try
        {
            var (copied, json, error) = await RunAsync("copy", "--db", BackupCommandTests.Db(county.Target), "--data-dir", county.Settings.DataDirectory,
                "--to", BackupCommandTests.Db(target), "--format", "json");
            Assert.True(copied == 0, error + json);
            using var doc = JsonDocument.Parse(json);
            var tables = doc.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("rows").GetInt64());
            Assert.Equal(1, tables["households"]);
            Assert.Equal(2, tables["members"]);

            var (again, _, againError) = await RunAsync("copy", "--db", BackupCommandTests.Db(county.Target), "--data-dir", county.Settings.DataDirectory,
                "--to", BackupCommandTests.Db(target));
            Assert.Equal(1, again);
            Assert.Contains("households", againError);
        }
        finally
        {
            await TestDatabases.DropAsync(target);
        }
    }
}
