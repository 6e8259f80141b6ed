using Microsoft.Extensions.Configuration;

namespace Tuopin.Application.Storage;

/// <summary>
/// Where the data lives. Command-line options win over configuration (appsettings.json, then
/// environment variables such as TUOPIN_DB, TUOPIN_DATA_DIR, TUOPIN_PERSONAL_DATA_KEY). <c>Replica</c> is a
/// streaming read replica of the database for dashboards and reports (<c>ConnectionStrings:Replica</c> or
/// TUOPIN_DB_REPLICA; PostgreSQL only), or null.
/// </summary>
public sealed record TuopinSettings(string DataDirectory, DbTarget Db, string? PersonalDataKey, string KeyFile, ReplicaTarget? Replica = null)
{
    public const string DefaultDataDirectory = "data";

    public static TuopinSettings From(IConfiguration configuration, string? db = null)
    {
        var dataDirectory = Path.GetFullPath(configuration["TUOPIN_DATA_DIR"] ?? configuration["Tuopin:DataDirectory"] ?? DefaultDataDirectory);
        var dbText = db ?? configuration["TUOPIN_DB"] ?? configuration["Tuopin:Db"] ?? Path.Combine(dataDirectory, "tuopin.db");
        var key = configuration["TUOPIN_PERSONAL_DATA_KEY"] ?? configuration["Tuopin:PersonalDataKey"];
        var keyFile = configuration["Tuopin:PersonalDataKeyFile"] ?? Path.Combine(dataDirectory, "personal-data.key");
        var target = DbTarget.Parse(dbText);
        var replica = ReplicaTarget.Parse(configuration["TUOPIN_DB_REPLICA"] ?? configuration.GetConnectionString("Replica"), target);
        return new TuopinSettings(dataDirectory, target, key, keyFile, replica);
    }
}
