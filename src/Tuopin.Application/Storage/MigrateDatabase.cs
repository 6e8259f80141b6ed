using Microsoft.EntityFrameworkCore;

namespace Tuopin.Application.Storage;

/// <summary>
/// Creates or upgrades the schema, as the database's operator; then chains, once and in the order they
/// were written, the audit entries of a database from before the chain, and fills the name search's index of a
/// database whose members were written before it, and places the built-in county under its prefecture and province.
/// </summary>
public sealed class MigrateDatabase(TuopinDbFactory factory)
{
    public async Task HandleAsync(CancellationToken ct = default)
    {
        await using (var db = factory.CreateForOperator("migrate"))
        {
            // Every verb that writes comes here. When the history already lists every migration, EF's Migrate would
            // still build the migrations' snapshot model and compare it with the current one (its pending-model-changes
            // check), about a second of a verb's start; that check runs whenever there is a migration to apply.
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
                await db.Database.MigrateAsync(ct);
        }
        await using (var sealing = factory.CreateForOperator("migrate"))
            await Audit.AuditChain.SealUnchainedAsync(sealing, ct);
        await using (var names = factory.CreateForOperator("migrate"))
            await Registry.NameIndex.BackfillAsync(names, ct);
        await using var places = factory.CreateForOperator("migrate");
        await Places.LoadCountyPlaces.PlaceBuiltInAsync(places, ct);
    }
}
