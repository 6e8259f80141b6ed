using Microsoft.EntityFrameworkCore.Design;
using Tuopin.Application.Storage;

namespace Tuopin.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TuopinDb>
{
    public TuopinDb CreateDbContext(string[] args) =>
        DesignTime.Create(DbTarget.Parse(Path.Combine(Path.GetTempPath(), "tuopin-design.db")));
}
