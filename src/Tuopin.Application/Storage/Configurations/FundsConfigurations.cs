using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Places;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class FundSourceConfiguration : IEntityTypeConfiguration<FundSource>
{
    public void Configure(EntityTypeBuilder<FundSource> b)
    {
        b.ToTable("fund_sources");
        b.Property(s => s.IssuingDepartment).HasMaxLength(100);
        b.Property(s => s.DocumentNumber).HasMaxLength(100);
        b.Property(s => s.RecordedBy).HasMaxLength(100);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.CountyId, s.DocumentNumber }).IsUnique();
        b.HasIndex(s => new { s.CountyId, s.Year });
        b.HasOne<County>().WithMany().HasForeignKey(s => s.CountyId).OnDelete(DeleteBehavior.Restrict);
        // The last line of the ledger's invariants: a source is never over-allocated.
        b.ToTable(t => t.HasCheckConstraint("ck_fund_sources_allocated", "amount > 0 AND allocated >= 0 AND allocated <= amount"));
    }
}

internal sealed class FundAllocationConfiguration : IEntityTypeConfiguration<FundAllocation>
{
    public void Configure(EntityTypeBuilder<FundAllocation> b)
    {
        b.ToTable("fund_allocations");
        b.Property(a => a.DocumentNumber).HasMaxLength(100);
        b.Property(a => a.RecordedBy).HasMaxLength(100);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => a.FundSourceId);
        b.HasIndex(a => a.ProjectId);
        b.HasOne<FundSource>().WithMany().HasForeignKey(a => a.FundSourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Restrict);
        // A project's allocation is never overspent, and never negative.
        b.ToTable(t => t.HasCheckConstraint("ck_fund_allocations_disbursed", "amount >= 0 AND disbursed >= 0 AND disbursed <= amount"));
    }
}

internal sealed class DisbursementConfiguration : IEntityTypeConfiguration<Disbursement>
{
    public void Configure(EntityTypeBuilder<Disbursement> b)
    {
        b.ToTable("disbursements");
        b.Property(d => d.Payee).HasMaxLength(100);
        b.Property(d => d.SubsidyType).HasMaxLength(50);
        b.Property(d => d.VoucherNumber).HasMaxLength(50);
        b.Property(d => d.CardBank).HasMaxLength(30);
        b.Property(d => d.CardTail).HasMaxLength(4);
        b.Property(d => d.RecordedBy).HasMaxLength(100);
        b.HasIndex(d => d.FundAllocationId);
        b.HasIndex(d => new { d.FundSourceId, d.PaidOn });
        b.HasIndex(d => new { d.ProjectId, d.PaidOn });
        b.HasIndex(d => new { d.HouseholdId, d.PaidOn });
        b.HasIndex(d => new { d.CountyId, d.PaidOn });
        // A payment's refunds: summed for every payment by the check, the traces and the refund rule. Partial (most payments
        // are no refund): a full index counts its NULLs as one value, and once the database has statistics (ANALYZE,
        // PRAGMA optimize) SQLite takes a lookup in it for a scan of every payment — the check then took minutes at
        // 100,000 payments. The same for the measure a payment pays (most pay none).
        b.HasIndex(d => d.RefundOfId).HasFilter("refund_of_id IS NOT NULL");
        b.HasIndex(d => d.MeasureId).HasFilter("measure_id IS NOT NULL");
        b.HasOne<FundAllocation>().WithMany().HasForeignKey(d => d.FundAllocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FundSource>().WithMany().HasForeignKey(d => d.FundSourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Household>().WithMany().HasForeignKey(d => d.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Measure>().WithMany().HasForeignKey(d => d.MeasureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Disbursement>().WithMany().HasForeignKey(d => d.RefundOfId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_disbursements_payee", "payee_kind <> 2 OR household_id IS NOT NULL"));
    }
}
