using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Industry;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class MarketEntityConfiguration : IEntityTypeConfiguration<MarketEntity>
{
    public void Configure(EntityTypeBuilder<MarketEntity> b)
    {
        b.ToTable("market_entities");
        b.Property(e => e.Name).HasMaxLength(MarketEntity.MaxNameLength);
        b.Property(e => e.CreditCode).HasMaxLength(18);
        b.Property(e => e.Industries).HasMaxLength(200);
        b.Property(e => e.RecordedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.IndustryIds);
        b.HasIndex(e => new { e.CountyId, e.Name }).IsUnique();
        b.HasOne<County>().WithMany().HasForeignKey(e => e.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Villages).WithOne().HasForeignKey(v => v.MarketEntityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MarketEntityVillageConfiguration : IEntityTypeConfiguration<MarketEntityVillage>
{
    public void Configure(EntityTypeBuilder<MarketEntityVillage> b)
    {
        b.ToTable("market_entity_villages");
        b.HasIndex(v => new { v.MarketEntityId, v.VillageId }).IsUnique();
        // The 121 check reads the entities serving each village.
        b.HasIndex(v => v.VillageId);
        b.HasOne<Village>().WithMany().HasForeignKey(v => v.VillageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndustryParticipationConfiguration : IEntityTypeConfiguration<IndustryParticipation>
{
    public void Configure(EntityTypeBuilder<IndustryParticipation> b)
    {
        b.ToTable("industry_participations");
        b.Property(p => p.IndustryId).HasMaxLength(40);
        b.Property(p => p.Scale).HasPrecision(12, 2);
        b.Property(p => p.CancelReason).HasMaxLength(500);
        b.Property(p => p.RecordedBy).HasMaxLength(100);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.HouseholdId, p.Year });
        // Progress reads an area's records by industry up to a year.
        b.HasIndex(p => new { p.CountyId, p.IndustryId, p.Year });
        b.HasIndex(p => new { p.TownshipId, p.IndustryId, p.Year });
        b.HasIndex(p => new { p.VillageId, p.IndustryId, p.Year });
        b.HasIndex(p => p.MeasureId).IsUnique();
        b.HasIndex(p => p.MarketEntityId);
        b.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Measure>().WithMany().HasForeignKey(p => p.MeasureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MarketEntity>().WithMany().HasForeignKey(p => p.MarketEntityId).OnDelete(DeleteBehavior.Restrict);
    }
}
