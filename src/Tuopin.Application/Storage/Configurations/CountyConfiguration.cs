using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class CountyConfiguration : IEntityTypeConfiguration<County>
{
    public void Configure(EntityTypeBuilder<County> b)
    {
        b.ToTable("counties");
        b.Property(c => c.Code).HasMaxLength(6);
        b.Property(c => c.Name).HasMaxLength(50);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasOne<Prefecture>().WithMany().HasForeignKey(c => c.PrefectureId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Townships).WithOne(t => t.County).HasForeignKey(t => t.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}
