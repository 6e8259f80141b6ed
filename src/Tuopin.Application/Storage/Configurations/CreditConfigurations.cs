using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Credit;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> b)
    {
        b.ToTable("loans");
        b.Property(l => l.Bank).HasMaxLength(100);
        b.Property(l => l.ContractNumber).HasMaxLength(50);
        b.Property(l => l.Purpose).HasMaxLength(Loan.MaxPurposeLength);
        b.Property(l => l.IndustryId).HasMaxLength(50);
        b.Property(l => l.Guarantee).HasMaxLength(100);
        b.Property(l => l.InterestRate).HasPrecision(6, 4);
        b.Property(l => l.SubsidyRate).HasPrecision(6, 4);
        b.Property(l => l.RecordedBy).HasMaxLength(100);
        b.Property(l => l.Version).IsConcurrencyToken();
        // A bank's contract is one loan: a second entry of it (the form twice, an import again) is refused.
        b.HasIndex(l => new { l.Bank, l.ContractNumber }).IsUnique();
        b.HasIndex(l => l.MeasureId).IsUnique();
        b.HasIndex(l => l.HouseholdId);
        // The overdue list and the status read an area's outstanding loans by due day.
        b.HasIndex(l => new { l.CountyId, l.Status, l.DueOn });
        b.HasIndex(l => new { l.TownshipId, l.Status, l.DueOn });
        b.HasIndex(l => new { l.VillageId, l.Status, l.DueOn });
        b.HasOne<Household>().WithMany().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Measure>().WithMany().HasForeignKey(l => l.MeasureId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_loans_amount", "amount > 0 AND principal_repaid >= 0 AND principal_repaid <= amount"));
    }
}

internal sealed class RepaymentConfiguration : IEntityTypeConfiguration<Repayment>
{
    public void Configure(EntityTypeBuilder<Repayment> b)
    {
        b.ToTable("loan_repayments");
        b.Property(r => r.RecordedBy).HasMaxLength(100);
        b.HasIndex(r => new { r.LoanId, r.PaidOn });
        b.HasIndex(r => r.HouseholdId);
        b.HasOne<Loan>().WithMany().HasForeignKey(r => r.LoanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GuaranteeFundDepositConfiguration : IEntityTypeConfiguration<GuaranteeFundDeposit>
{
    public void Configure(EntityTypeBuilder<GuaranteeFundDeposit> b)
    {
        b.ToTable("guarantee_fund_deposits");
        b.Property(d => d.Source).HasMaxLength(200);
        b.Property(d => d.RecordedBy).HasMaxLength(100);
        b.HasIndex(d => new { d.CountyId, d.DepositedOn });
        b.HasOne<County>().WithMany().HasForeignKey(d => d.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RiskCompensationConfiguration : IEntityTypeConfiguration<RiskCompensation>
{
    public void Configure(EntityTypeBuilder<RiskCompensation> b)
    {
        b.ToTable("risk_compensations");
        b.Property(c => c.Note).HasMaxLength(500);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.HasIndex(c => new { c.CountyId, c.PaidOn });
        // One payout per loan: the fund compensates a loan once.
        b.HasIndex(c => c.LoanId).IsUnique();
        b.HasOne<County>().WithMany().HasForeignKey(c => c.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Loan>().WithMany().HasForeignKey(c => c.LoanId).OnDelete(DeleteBehavior.Restrict);
    }
}
