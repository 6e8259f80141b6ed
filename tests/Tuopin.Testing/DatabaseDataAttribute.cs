using System.Reflection;
using Tuopin.Application.Storage;
using Xunit.Sdk;

namespace Tuopin.Testing;

/// <summary>
/// Runs a theory once on SQLite and once on PostgreSQL (the idea of bitwarden's DatabaseTheory).
/// Use with [Theory]; the test takes a <see cref="DbProvider"/> as its first parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[DbProvider.Sqlite], [DbProvider.Postgres]];
}
