using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class ZoneConfiguration : IEntityTypeConfiguration<Zone>
{
    public void Configure(EntityTypeBuilder<Zone> b)
    {
        b.ToTable("zones");
        b.Property(z => z.Name).HasMaxLength(50);
        b.HasIndex(z => new { z.CountyId, z.Name }).IsUnique();
        b.HasOne<County>().WithMany().HasForeignKey(z => z.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}
