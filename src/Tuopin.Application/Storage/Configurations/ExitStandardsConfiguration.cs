using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class ExitStandardsConfiguration : IEntityTypeConfiguration<ExitStandards>
{
    public void Configure(EntityTypeBuilder<ExitStandards> b)
    {
        b.ToTable("exit_standards");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasIndex(s => s.CountyId).IsUnique();
        b.HasOne<County>().WithMany().HasForeignKey(s => s.CountyId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.VillageIncidenceLimit).HasPrecision(5, 2);
        b.Property(s => s.TownshipIncidenceLimit).HasPrecision(5, 2);
        b.Property(s => s.CountyIncidenceLimit).HasPrecision(5, 2);
        b.Property(s => s.WrongExitLimit).HasPrecision(5, 2);
        b.Property(s => s.MissedLimit).HasPrecision(5, 2);
        b.Property(s => s.ApprovalMinimum).HasPrecision(5, 2);
        b.Property(s => s.RiskIncomeMargin).HasPrecision(5, 2);
        b.Property(s => s.RequiredVillageConditions).HasMaxLength(1000);
    }
}
