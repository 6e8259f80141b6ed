using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class VillageGroupConfiguration : IEntityTypeConfiguration<VillageGroup>
{
    public void Configure(EntityTypeBuilder<VillageGroup> b)
    {
        b.ToTable("village_groups");
        b.Property(g => g.Name).HasMaxLength(50);
        b.HasIndex(g => new { g.VillageId, g.Number }).IsUnique();
    }
}
