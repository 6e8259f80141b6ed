using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Tuopin.Application.Storage;

/// <summary>
/// The model of a context whose actor's scope is <see cref="Domain.Accounts.AreaLevel.Everything"/> (the operator's, the
/// public reader's: no area filters), compiled ahead of time for each provider into <c>Storage/CompiledModels/</c> by
/// <c>scripts/optimize-model</c> (ADR 0017). A command-line verb's context then starts without EF Core building its model,
/// some 0.4 s of the verb's start. The contexts of users' scopes keep the models built at run time, one per scope level with
/// its filters (<see cref="ScopedModelCacheKeyFactory"/>), and so do the migration tools (<see cref="DesignTime"/>) and
/// <c>Migrate</c>'s check for pending model changes (EF builds the design-time model whatever the options say).
/// The compiled model is kept in step by a test that compares it with the model built from the configuration.
/// </summary>
public static class OperatorModel
{
    /// <summary>The one command that writes both compiled models again from the configuration.</summary>
    public const string Regenerate = "scripts/optimize-model";

    /// <summary>TUOPIN_COMPILED_MODEL=0 builds the operator's model at run time as before (for measuring, or if the compiled one misbehaves).</summary>
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("TUOPIN_COMPILED_MODEL") != "0";

    // Lazy: the first use of a compiled model runs its static constructor, which creates every entity type of it.
    private static readonly Lazy<IModel?> Sqlite = new(() => Find("Sqlite"));
    private static readonly Lazy<IModel?> Postgres = new(() => Find("Postgres"));

    /// <summary>
    /// The compiled operator's model of the provider; null when the build has none (while the script writes it again) or when
    /// it no longer fits the entity classes so that EF cannot create it: then the model is built at run time, as before.
    /// </summary>
    public static IModel? Compiled(DbProvider provider) => (provider == DbProvider.Sqlite ? Sqlite : Postgres).Value;

    /// <summary>The options of an operator's context: on the compiled model when there is one (and it is not turned off).</summary>
    internal static DbContextOptions<TuopinDb> Use(DbContextOptions<TuopinDb> options, DbProvider provider) =>
        Enabled && Compiled(provider) is { } model ? new DbContextOptionsBuilder<TuopinDb>(options).UseModel(model).Options : options;

    // Found by name rather than referred to, so that the project still builds when scripts/optimize-model has deleted the
    // generated folders to write them again (a stale compiled model may no longer compile after an entity changed).
    private static IModel? Find(string provider)
    {
        try
        {
            return typeof(OperatorModel).Assembly.GetType($"Tuopin.Application.Storage.CompiledModels.{provider}.TuopinDbModel")
                ?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IModel;
        }
        catch (TargetInvocationException)
        {
            // Its static constructor failed (a stale model naming a property that is gone): CompiledModelTests says so.
            return null;
        }
    }
}
