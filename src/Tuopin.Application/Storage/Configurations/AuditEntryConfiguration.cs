using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Application.Auditing;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.UserName).HasMaxLength(100);
        b.Property(a => a.EntityType).HasMaxLength(50);
        b.Property(a => a.Changes).HasMaxLength(int.MaxValue);
        b.Property(a => a.Reason).HasMaxLength(500);
        b.HasIndex(a => new { a.HouseholdId, a.At });
        b.HasIndex(a => new { a.EntityId, a.At });
    }
}
