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

    [Theory]
    [InlineData("Host=127.0.0.1;Database=county;Username=u;Password=p")]
    [InlineData("Host=localhost;Port=5433;Database=county")]
    [InlineData("Host=::1;Database=county")]
    [InlineData("postgres://u:p@localhost/county")]
    public void AServerOnThisMachine_IsReachedWithoutTls_UnlessTheStringAsks(string text)
    {
        Assert.Equal(SslMode.Disable, new NpgsqlConnectionStringBuilder(DbTarget.Parse(text).ConnectionString).SslMode);
        Assert.Equal(SslMode.Require, new NpgsqlConnectionStringBuilder(DbTarget.Parse(text.StartsWith("postgres") ? "Host=localhost;SSL Mode=Require" : text + ";SSL Mode=Require").ConnectionString).SslMode);
        Assert.Equal(SslMode.VerifyFull, new NpgsqlConnectionStringBuilder(DbTarget.Parse("Host=127.0.0.1;sslmode=VerifyFull").ConnectionString).SslMode);
    }

    [Theory]
    [InlineData("Host=db.county.example;Database=county")]
    [InlineData("Host=10.0.0.5;Database=county")]
    [InlineData("Host=127.0.0.1,db2.example;Database=county")]
    [InlineData("postgres://u:p@db.county.example/county")]
    public void AServerElsewhere_KeepsNpgsqlsTlsDefault(string text) =>
        Assert.Equal(new NpgsqlConnectionStringBuilder().SslMode, new NpgsqlConnectionStringBuilder(DbTarget.Parse(text).ConnectionString).SslMode);
}
