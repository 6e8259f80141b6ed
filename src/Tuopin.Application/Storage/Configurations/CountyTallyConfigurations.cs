using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Application.Plan;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class CountyTallyConfiguration : IEntityTypeConfiguration<CountyTally>
{
    public void Configure(EntityTypeBuilder<CountyTally> b)
    {
        b.ToTable("county_tallies");
        b.HasIndex(t => t.CountyId);
        b.HasOne<County>().WithMany().HasForeignKey(t => t.CountyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CountyTallyStampConfiguration : IEntityTypeConfiguration<CountyTallyStamp>
{
    public void Configure(EntityTypeBuilder<CountyTallyStamp> b)
    {
        b.ToTable("county_tally_stamps");
        b.HasKey(s => s.CountyId);
        b.HasOne<County>().WithMany().HasForeignKey(s => s.CountyId).OnDelete(DeleteBehavior.Cascade);
    }
}
