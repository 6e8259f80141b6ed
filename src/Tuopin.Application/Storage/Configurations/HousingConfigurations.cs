using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Housing;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class HousingCaseConfiguration : IEntityTypeConfiguration<HousingCase>
{
    public void Configure(EntityTypeBuilder<HousingCase> b)
    {
        b.ToTable("housing_cases");
        b.Property(c => c.SiteName).HasMaxLength(100);
        b.Property(c => c.CategoryReasons).HasMaxLength(2000);
        b.Property(c => c.CategoryReasonsEn).HasMaxLength(2000);
        b.Property(c => c.ApplicationNote).HasMaxLength(500);
        b.Property(c => c.ApprovedBy).HasMaxLength(100);
        b.Property(c => c.ApprovalDocument).HasMaxLength(100);
        b.Property(c => c.AcceptedBy).HasMaxLength(100);
        b.Property(c => c.AcceptanceNote).HasMaxLength(500);
        b.Property(c => c.PaymentVoucher).HasMaxLength(100);
        b.Property(c => c.CancelReason).HasMaxLength(500);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.Property(c => c.Version).IsConcurrencyToken();
        // At most one live case a household (a cancelled one may be followed by another): two applications race at the index.
        b.HasIndex(c => c.HouseholdId).IsUnique().HasFilter("step <> 9").HasDatabaseName("ix_housing_cases_live_household");
        b.HasIndex(c => new { c.VillageId, c.Step });
        b.HasIndex(c => new { c.TownshipId, c.Step });
        b.HasIndex(c => new { c.CountyId, c.Step });
        b.HasIndex(c => c.MeasureId).IsUnique();
        b.HasOne<Household>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Measure>().WithMany().HasForeignKey(c => c.MeasureId).OnDelete(DeleteBehavior.Restrict);
    }
}
