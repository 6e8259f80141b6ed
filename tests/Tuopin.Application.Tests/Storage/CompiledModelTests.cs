using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Storage;

/// <summary>
/// The operator's compiled model (<see cref="OperatorModel"/>, ADR 0017) is the model EF Core builds from the configuration
/// for the scope without filters, on each provider; only that scope's contexts use it.
/// </summary>
public sealed class CompiledModelTests
{
    private static readonly string Regenerate =
        $"The compiled model is written from the configuration by `{OperatorModel.Regenerate}`: run it and commit src/Tuopin.Application/Storage/CompiledModels/.";

    // Compared without a database: a model change fails here with its own message even before its migrations exist.
    [Theory, BothDatabases]
    public void TheCompiledOperatorModel_IsTheModelBuiltFromTheConfiguration(DbProvider provider)
    {
        Assert.True(OperatorModel.Compiled(provider) is not null, $"This build has no compiled operator's model for {provider}, or EF could not create it from the entity classes. {Regenerate}");
        // Never connected: the models only.
        var target = DbTarget.Parse(provider == DbProvider.Sqlite ? ":memory:" : "Host=localhost;Database=tuopin_models");
        var factory = new TuopinDbFactory(target, new PersonalDataProtector(PersonalDataKey.Load(TestCounty.PersonalDataKey, "unused.key")), TimeProvider.System);
        using var compiled = factory.CreateForOperator("tests");
        using var built = DesignTime.Create(target);
        Assert.NotNull(compiled.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Model);
        Assert.Null(built.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Model);

        var expected = Describe(built.Model);
        var actual = Describe(compiled.Model);

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"The compiled operator's model of {provider} differs from the model built from the configuration " +
            $"({missing.Count} line(s) of the built model not in the compiled one, {extra.Count} the other way). {Regenerate}\n" +
            string.Join('\n', missing.Take(15).Select(l => "  built only:    " + l).Concat(extra.Take(15).Select(l => "  compiled only: " + l))));
        // EF's own account of both models, every annotation included, line by line.
        var difference = FirstDifference(built.Model.ToDebugString(MetadataDebugStringOptions.LongDefault), compiled.Model.ToDebugString(MetadataDebugStringOptions.LongDefault));
        Assert.True(difference is null, $"The compiled operator's model of {provider} differs from the model built from the configuration in EF's debug view. {Regenerate}\n{difference}");
    }

    [Theory, BothDatabases]
    public async Task OnlyTheScopeWithoutFilters_UsesTheCompiledModel(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await using var operatorDb = county.Factory.CreateForOperator("tests");
        await using var village = county.Factory.Create(county.VillageOfficer("三胡乡/石桥村"));
        await using var admin = county.Factory.Create(county.Admin);

        Assert.DoesNotContain(operatorDb.Model.GetEntityTypes(), t => t.GetDeclaredQueryFilters().Count > 0);
        Assert.Same(OperatorModel.Compiled(provider), operatorDb.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Model);
        // It answers queries on this database: the county and its places, through the converters (Money, UTC timestamps).
        Assert.Equal(county.CountyId, await operatorDb.Counties.Where(c => c.Id == county.CountyId).Select(c => c.Id).SingleAsync());
        Assert.NotEmpty(await operatorDb.Villages.Where(v => v.CountyId == county.CountyId).ToListAsync());
        Assert.NotEmpty(await operatorDb.PovertyLines.OrderBy(l => l.Year).ToListAsync());
        _ = await operatorDb.AuditEntries.OrderByDescending(e => e.Sequence).Take(5).ToListAsync();

        // The users' scopes are filtered, on models built at run time: the compiled model (no filters) never reaches them,
        // not even through an assembly attribute the tool writes (scripts/optimize-model deletes it).
        foreach (var db in new[] { village, admin })
        {
            Assert.Null(db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Model);
            Assert.Contains(db.Model.GetEntityTypes(), t => t.GetDeclaredQueryFilters().Count > 0);
        }
        Assert.Empty(typeof(TuopinDb).Assembly.GetCustomAttributes(typeof(DbContextModelAttribute), false));

        // A context made for the operator cannot be handed to a user's scope afterwards: its model has no filters.
        await using var another = county.Factory.CreateForOperator("tests");
        Assert.Throws<InvalidOperationException>(() => another.Actor = county.VillageOfficer("三胡乡/石桥村"));
    }

    /// <summary>
    /// The model as lines, each complete in itself: every entity type with its table, properties (column, store type,
    /// nullability, facets, converter, value generation), keys, foreign keys, navigations, indexes and filters, then the
    /// relational model: every table with its columns, primary key, unique constraints, indexes, foreign keys and triggers.
    /// </summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>
        {
            $"model schema={Stored(model.GetDefaultSchema)} access={Stored(() => model.GetPropertyAccessMode())} tracking={Stored(() => model.GetChangeTrackingStrategy())} " +
            $"sequences={Stored(() => string.Join(",", model.GetSequences().Select(s => s.Name)))}",
        };
        foreach (var t in model.GetEntityTypes().OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var e = $"entity {t.Name}";
            lines.Add($"{e} clr={t.ClrType.FullName} base={t.BaseType?.Name} table={t.GetSchema()}.{t.GetTableName()} view={t.GetViewName()} " +
                $"discriminator={Stored(() => t.FindDiscriminatorProperty()?.Name)}:{Stored(t.GetDiscriminatorValue)} owned={t.IsOwned()} " +
                $"tracking={Stored(t.GetChangeTrackingStrategy)} access={Stored(t.GetPropertyAccessMode)} " +
                $"filters={Stored(() => string.Join(",", t.GetDeclaredQueryFilters().Select(f => f.Key + ":" + f.Expression)))} complex={t.GetComplexProperties().Count()}");
            foreach (var p in t.GetProperties())
                lines.Add($"{e} property {p.Name} {p.ClrType} column={p.GetColumnName()} store={p.GetColumnType()} nullable={p.IsNullable} " +
                    $"generated={p.ValueGenerated} maxLength={Stored(p.GetMaxLength)} precision={Stored(p.GetPrecision)} scale={Stored(p.GetScale)} " +
                    $"unicode={Stored(p.IsUnicode)} fixed={Stored(() => p.IsFixedLength())} concurrency={p.IsConcurrencyToken} shadow={p.IsShadowProperty()} " +
                    $"field={p.FieldInfo?.Name} access={Stored(p.GetPropertyAccessMode)} converter={Stored(() => p.GetValueConverter()?.GetType().FullName)} " +
                    $"provider={Stored(p.GetProviderClrType)} mapping={p.GetRelationalTypeMapping().StoreType} default={Stored(() => p.GetDefaultValue())} " +
                    $"defaultSql={Stored(() => p.GetDefaultValueSql())} computed={Stored(() => p.GetComputedColumnSql())} " +
                    $"beforeSave={p.GetBeforeSaveBehavior()} afterSave={p.GetAfterSaveBehavior()} sentinel={Text(p.Sentinel)}");
            foreach (var k in t.GetKeys())
                lines.Add($"{e} key ({Names(k.Properties)}) primary={k.IsPrimaryKey()} name={k.GetName()}");
            foreach (var f in t.GetForeignKeys())
                lines.Add($"{e} foreign key ({Names(f.Properties)}) -> {f.PrincipalEntityType.Name}({Names(f.PrincipalKey.Properties)}) delete={f.DeleteBehavior} " +
                    $"required={f.IsRequired} requiredDependent={f.IsRequiredDependent} unique={f.IsUnique} ownership={f.IsOwnership} name={f.GetConstraintName()} " +
                    $"toDependent={f.PrincipalToDependent?.Name} toPrincipal={f.DependentToPrincipal?.Name}");
            foreach (var n in t.GetNavigations())
                lines.Add($"{e} navigation {n.Name} -> {n.TargetEntityType.Name} collection={n.IsCollection} onDependent={n.IsOnDependent} " +
                    $"eager={Stored(() => n.IsEagerLoaded)} field={n.FieldInfo?.Name} access={Stored(n.GetPropertyAccessMode)}");
            foreach (var n in t.GetSkipNavigations())
                lines.Add($"{e} skip navigation {n.Name} -> {n.TargetEntityType.Name} via {n.JoinEntityType.Name}");
            foreach (var s in t.GetServiceProperties())
                lines.Add($"{e} service property {s.Name} {s.ClrType}");
            foreach (var i in t.GetIndexes())
                lines.Add($"{e} index {i.GetDatabaseName()} ({Names(i.Properties)}) unique={i.IsUnique} filter={Stored(i.GetFilter)} " +
                    $"descending={Stored(() => string.Join(",", i.IsDescending ?? []))}");
        }
        foreach (var table in model.GetRelationalModel().Tables.OrderBy(t => t.SchemaQualifiedName, StringComparer.Ordinal))
        {
            var x = $"table {table.SchemaQualifiedName}";
            lines.Add($"{x} entities={string.Join(",", table.EntityTypeMappings.Select(m => m.TypeBase.Name).Order(StringComparer.Ordinal))} " +
                $"shared={table.IsShared} excluded={Stored(() => table.IsExcludedFromMigrations)}");
            foreach (var c in table.Columns)
                lines.Add($"{x} column {c.Name} {c.StoreType} nullable={c.IsNullable} default={Stored(() => c.DefaultValue)} " +
                    $"defaultSql={Stored(() => c.DefaultValueSql)} computed={Stored(() => c.ComputedColumnSql)} collation={Stored(() => c.Collation)}");
            if (table.PrimaryKey is { } pk) lines.Add($"{x} primary key {pk.Name} ({Names(pk.Columns)})");
            foreach (var u in table.UniqueConstraints)
                lines.Add($"{x} unique constraint {u.Name} ({Names(u.Columns)})");
            foreach (var i in table.Indexes)
                lines.Add($"{x} index {i.Name} ({Names(i.Columns)}) unique={i.IsUnique} filter={Stored(() => i.Filter)} " +
                    $"descending={Stored(() => string.Join(",", i.IsDescending ?? []))}");
            foreach (var f in table.ForeignKeyConstraints)
                lines.Add($"{x} foreign key {f.Name} ({Names(f.Columns)}) -> {f.PrincipalTable.SchemaQualifiedName}({Names(f.PrincipalColumns)}) delete={f.OnDeleteAction}");
            foreach (var g in table.Triggers)
                lines.Add($"{x} trigger {g.GetDatabaseName()}");
        }
        return lines;
    }

    /// <summary>The first line where the two debug views part, under its entity type; null when they are the same.</summary>
    private static string? FirstDifference(string built, string compiled)
    {
        var a = WithoutAdHocTypes(built);
        var b = WithoutAdHocTypes(compiled);
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var left = i < a.Count ? a[i] : "(end)";
            var right = i < b.Count ? b[i] : "(end)";
            if (left == right) continue;
            var entity = a.Take(i).LastOrDefault(l => l.StartsWith("  EntityType: ", StringComparison.Ordinal))?.Trim();
            return $"  at line {i + 1} ({entity ?? "the model"}):\n  built:    {left.Trim()}\n  compiled: {right.Trim()}";
        }
        return null;
    }

    /// <summary>
    /// The debug view without its ad-hoc entity types: those are added to a model as it runs queries such as
    /// <c>SqlQueryRaw&lt;string&gt;</c>, and the compiled model is one instance for the whole test run.
    /// </summary>
    private static List<string> WithoutAdHocTypes(string view)
    {
        var lines = new List<string>();
        var skipBelow = -1;
        foreach (var line in view.Split('\n'))
        {
            var indent = line.Length - line.TrimStart().Length;
            if (skipBelow >= 0 && indent > skipBelow) continue;
            skipBelow = line.Trim() == "Ad-hoc entity types:" ? indent : -1;
            if (skipBelow < 0) lines.Add(line);
        }
        return lines;
    }

    private static string Names(IEnumerable<IReadOnlyPropertyBase> properties) => string.Join(",", properties.Select(p => p.Name));

    private static string Names(IEnumerable<IColumnBase> columns) => string.Join(",", columns.Select(c => c.Name));

    /// <summary>A facet the read-optimized model may not keep (EF throws for those): the same on both models, or the line differs.</summary>
    private static string? Stored<T>(Func<T> facet)
    {
        try
        {
            return Text(facet());
        }
        catch (InvalidOperationException e) when (e.Message.Contains("read-optimized", StringComparison.Ordinal))
        {
            return "(not kept)";
        }
    }

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
}
