using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> b)
    {
        b.ToTable("provinces");
        b.Property(p => p.Code).HasMaxLength(6);
        b.Property(p => p.Name).HasMaxLength(50);
        b.HasIndex(p => p.Code).IsUnique();
    }
}

internal sealed class PrefectureConfiguration : IEntityTypeConfiguration<Prefecture>
{
    public void Configure(EntityTypeBuilder<Prefecture> b)
    {
        b.ToTable("prefectures");
        b.Property(p => p.Code).HasMaxLength(6);
        b.Property(p => p.Name).HasMaxLength(50);
        b.HasIndex(p => p.Code).IsUnique();
        b.HasIndex(p => p.ProvinceId);
        b.HasOne<Province>().WithMany().HasForeignKey(p => p.ProvinceId).OnDelete(DeleteBehavior.Restrict);
    }
}
