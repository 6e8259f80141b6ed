using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class HouseholdStatusChangeConfiguration : IEntityTypeConfiguration<HouseholdStatusChange>
{
    public void Configure(EntityTypeBuilder<HouseholdStatusChange> b)
    {
        b.ToTable("household_status_changes");
        b.Property(c => c.Reason).HasMaxLength(500);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.HasIndex(c => new { c.HouseholdId, c.Date });
    }
}
