using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Application.Plan;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> b)
    {
        b.ToTable("plan_versions");
        b.Property(p => p.Document).HasMaxLength(int.MaxValue);
        b.Property(p => p.Change).HasMaxLength(int.MaxValue);
        b.Property(p => p.CreatedBy).HasMaxLength(100);
        b.Property(p => p.Reason).HasMaxLength(500);
        b.HasIndex(p => new { p.CountyId, p.Version }).IsUnique();
        b.HasOne<County>().WithMany().HasForeignKey(p => p.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}
