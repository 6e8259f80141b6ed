using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class TownshipConfiguration : IEntityTypeConfiguration<Township>
{
    public void Configure(EntityTypeBuilder<Township> b)
    {
        b.ToTable("townships");
        b.Property(t => t.Code).HasMaxLength(9);
        b.Property(t => t.Name).HasMaxLength(50);
        b.HasIndex(t => t.Code).IsUnique();
        b.HasMany(t => t.Villages).WithOne(v => v.Township).HasForeignKey(v => v.TownshipId).OnDelete(DeleteBehavior.Restrict);
    }
}
