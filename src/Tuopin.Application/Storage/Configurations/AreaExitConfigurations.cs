using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class AreaExitProcedureConfiguration : IEntityTypeConfiguration<AreaExitProcedure>
{
    public void Configure(EntityTypeBuilder<AreaExitProcedure> b)
    {
        b.ToTable("area_exit_procedures");
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.Level, p.AreaId, p.Year }).IsUnique();
        b.HasIndex(p => new { p.CountyId, p.Year, p.Level });
        b.HasIndex(p => new { p.TownshipId, p.Year });
        b.HasIndex(p => new { p.VillageId, p.Year });
        b.HasOne<County>().WithMany().HasForeignKey(p => p.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Steps).WithOne(s => s.Procedure).HasForeignKey(s => s.ProcedureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AreaExitStepRecordConfiguration : IEntityTypeConfiguration<AreaExitStepRecord>
{
    public void Configure(EntityTypeBuilder<AreaExitStepRecord> b)
    {
        b.ToTable("area_exit_steps");
        b.Property(s => s.Note).HasMaxLength(1000);
        b.Property(s => s.Snapshot).HasMaxLength(int.MaxValue);
        b.Property(s => s.ActorName).HasMaxLength(100);
        b.HasIndex(s => new { s.ProcedureId, s.Round, s.Step }).IsUnique();
        b.HasIndex(s => s.TownshipId);
        b.HasIndex(s => s.VillageId);
    }
}

internal sealed class AreaEvidenceConfiguration : IEntityTypeConfiguration<AreaEvidence>
{
    public void Configure(EntityTypeBuilder<AreaEvidence> b)
    {
        b.ToTable("area_exit_evidence");
        b.Property(a => a.Item).HasMaxLength(100);
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.Property(a => a.UploadedBy).HasMaxLength(100);
        b.HasIndex(a => new { a.ProcedureId, a.Item });
        b.HasIndex(a => a.TownshipId);
        b.HasIndex(a => a.VillageId);
        b.HasOne<AreaExitProcedure>().WithMany().HasForeignKey(a => a.ProcedureId).OnDelete(DeleteBehavior.Restrict);
    }
}
