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
        b.Property(c => c.DocumentNumber).HasMaxLength(100);
        b.Property(c => c.Evidence).HasMaxLength(500);
        b.HasIndex(c => new { c.HouseholdId, c.Date });
        // The order of a household's events; the latest on or before a date gives the registry as of that date.
        b.HasIndex(c => new { c.HouseholdId, c.Sequence }).IsUnique();
        b.HasIndex(c => c.Date);
    }
}
