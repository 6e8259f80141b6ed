using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Application.Audit;

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
        b.Property(a => a.Client).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.HasIndex(a => a.Sequence).IsUnique();
        // The county's audit log: newest first (by sequence) within a person, a record type, a township or a village.
        b.HasIndex(a => new { a.UserName, a.Sequence });
        b.HasIndex(a => new { a.EntityType, a.Sequence });
        b.HasIndex(a => new { a.TownshipId, a.Sequence });
        b.HasIndex(a => new { a.VillageId, a.Sequence });
        // Each county's log (AuditCounties): a county's entries, newest first, in a database of several.
        b.HasIndex(a => new { a.CountyId, a.Sequence });
        b.HasIndex(a => new { a.UserId, a.At });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.ToTable("audit_chain");
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Hash).HasMaxLength(64);
        b.HasData(new AuditChainHead { Id = 1, Sequence = 0, Hash = Audit.AuditChain.Genesis });
    }
}
