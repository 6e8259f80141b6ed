using Microsoft.EntityFrameworkCore.Design;
using Tuopin.Application.Storage;

namespace Tuopin.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL (no server is contacted).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TuopinDb>
{
    public TuopinDb CreateDbContext(string[] args) =>
        DesignTime.Create(DbTarget.Parse("Host=localhost;Database=tuopin_design;Username=tuopin"));
}
