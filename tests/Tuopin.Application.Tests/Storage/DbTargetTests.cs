using Npgsql;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Tests.Storage;

public sealed class DbTargetTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Database=county;Username=u;Password=p")]
    [InlineData("postgres://u:p@127.0.0.1/county")]
    public void APostgresTarget_OpensAtMostFortyConnections_UnlessItSaysOtherwise(string text)
    {
        var target = DbTarget.Parse(text);

        Assert.Equal(DbProvider.Postgres, target.Provider);
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        Assert.Equal(DbTarget.DefaultMaxPoolSize, builder.MaxPoolSize);
        Assert.Equal("county", builder.Database);
        Assert.Equal("p", builder.Password);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=county;Maximum Pool Size=7")]
    [InlineData("Host=127.0.0.1;Database=county; MaxPoolSize = 7")]
    public void AConnectionStringsOwnPoolSize_IsKept(string text) =>
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(DbTarget.Parse(text).ConnectionString).MaxPoolSize);
}
