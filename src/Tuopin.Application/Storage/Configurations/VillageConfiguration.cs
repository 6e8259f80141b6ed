using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> b)
    {
        b.ToTable("villages");
        b.Property(v => v.Code).HasMaxLength(12);
        b.Property(v => v.Name).HasMaxLength(50);
        b.Property(v => v.OfficialName).HasMaxLength(50);
        b.HasIndex(v => v.Code).IsUnique();
        b.HasIndex(v => v.CountyId);
        b.HasOne<County>().WithMany().HasForeignKey(v => v.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(v => v.Zone).WithMany().HasForeignKey(v => v.ZoneId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(v => v.Groups).WithOne().HasForeignKey(g => g.VillageId).OnDelete(DeleteBehavior.Cascade);
    }
}
