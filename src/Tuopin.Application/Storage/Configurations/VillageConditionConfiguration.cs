using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Conditions;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class VillageConditionConfiguration : IEntityTypeConfiguration<VillageCondition>
{
    public void Configure(EntityTypeBuilder<VillageCondition> b)
    {
        b.ToTable("village_conditions");
        b.Property(c => c.Note).HasMaxLength(500);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.VillageId, c.Year }).IsUnique();
        // Coverage sums a year's rows of the user's area.
        b.HasIndex(c => new { c.CountyId, c.Year });
        b.HasIndex(c => new { c.TownshipId, c.Year });
        b.HasOne<County>().WithMany().HasForeignKey(c => c.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(c => c.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Village>().WithMany().HasForeignKey(c => c.VillageId).OnDelete(DeleteBehavior.Restrict);
    }
}
