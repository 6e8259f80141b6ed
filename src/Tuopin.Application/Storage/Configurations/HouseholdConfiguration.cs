using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("households");
        b.Property(h => h.Number).HasMaxLength(20);
        b.Property(h => h.PhoneCipher).HasMaxLength(120);
        b.Property(h => h.HousingArea).HasPrecision(8, 1);
        b.Property(h => h.DistanceToMainRoadKm).HasPrecision(8, 2);
        b.Property(h => h.Version).IsConcurrencyToken();
        b.HasIndex(h => h.Number).IsUnique();
        // Area-scoped lists and counts filter on one column and group by status and year.
        b.HasIndex(h => new { h.CountyId, h.Status, h.ExitYear });
        b.HasIndex(h => new { h.TownshipId, h.Status, h.ExitYear });
        b.HasIndex(h => new { h.VillageId, h.Status, h.ExitYear });
        // A county's household list, in the order of the numbers, read from the county's own part of an index: with the national
        // index on the number alone PostgreSQL walked every county that sorts before this one to find a page (the 30th of 30
        // synthetic counties: 230 ms for page 1, 0.05 ms with this index; issue 18, docs/scaling.md).
        b.HasIndex(h => new { h.CountyId, h.Number });
        // A search selects households by id (IN the name index's or resident-ID index's households) and keeps those of the
        // actor's area in the order of their numbers: this index answers that from itself, without reading each household's
        // row (the name search 田, 3,192 households of the demo: 11 ms → 2 ms on SQLite; docs/adr/0015).
        b.HasIndex(h => new { h.Id, h.CountyId, h.TownshipId, h.VillageId, h.Number }, "ix_households_id_area_number");
        b.HasOne<County>().WithMany().HasForeignKey(h => h.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(h => h.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Village>().WithMany().HasForeignKey(h => h.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<VillageGroup>().WithMany().HasForeignKey(h => h.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Members).WithOne(m => m.Household).HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(h => h.Incomes).WithOne(i => i.Household).HasForeignKey(i => i.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(h => h.StatusChanges).WithOne(c => c.Household).HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}
