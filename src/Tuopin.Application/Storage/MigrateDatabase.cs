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
            await db.Database.MigrateAsync(ct);
        await using (var sealing = factory.CreateForOperator("migrate"))
            await Audit.AuditChain.SealUnchainedAsync(sealing, ct);
        await using (var names = factory.CreateForOperator("migrate"))
            await Registry.NameIndex.BackfillAsync(names, ct);
        await using var places = factory.CreateForOperator("migrate");
        await Places.LoadCountyPlaces.PlaceBuiltInAsync(places, ct);
    }
}
