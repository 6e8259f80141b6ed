using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class ExitProcedureConfiguration : IEntityTypeConfiguration<ExitProcedure>
{
    public void Configure(EntityTypeBuilder<ExitProcedure> b)
    {
        b.ToTable("exit_procedures");
        b.Property(p => p.WithdrawnReason).HasMaxLength(500);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.HouseholdId, p.Year }).IsUnique();
        b.HasIndex(p => new { p.VillageId, p.Year, p.Stage });
        b.HasIndex(p => new { p.TownshipId, p.Year, p.Stage });
        b.HasIndex(p => new { p.CountyId, p.Year, p.Stage });
        b.HasIndex(p => p.BatchId);
        b.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Village>().WithMany().HasForeignKey(p => p.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Steps).WithOne(s => s.Procedure).HasForeignKey(s => s.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Objections).WithOne(o => o.Procedure).HasForeignKey(o => o.ProcedureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProcedureStepRecordConfiguration : IEntityTypeConfiguration<ProcedureStepRecord>
{
    public void Configure(EntityTypeBuilder<ProcedureStepRecord> b)
    {
        b.ToTable("exit_procedure_steps");
        b.Property(s => s.Note).HasMaxLength(1000);
        b.Property(s => s.ActorName).HasMaxLength(100);
        b.HasIndex(s => new { s.ProcedureId, s.Step }).IsUnique();
        b.HasIndex(s => s.VillageId);
        b.HasIndex(s => s.TownshipId);
    }
}

internal sealed class ExitObjectionConfiguration : IEntityTypeConfiguration<ExitObjection>
{
    public void Configure(EntityTypeBuilder<ExitObjection> b)
    {
        b.ToTable("exit_objections");
        b.Property(o => o.RaisedBy).HasMaxLength(100);
        b.Property(o => o.Content).HasMaxLength(1000);
        b.Property(o => o.Resolution).HasMaxLength(1000);
        b.Property(o => o.RecordedBy).HasMaxLength(100);
        b.Property(o => o.ResolvedBy).HasMaxLength(100);
        b.HasIndex(o => o.ProcedureId);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("attachments");
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.Property(a => a.UploadedBy).HasMaxLength(100);
        b.HasIndex(a => a.StepId);
        b.HasIndex(a => a.ProcedureId);
        b.HasIndex(a => a.VillageId);
        b.HasIndex(a => a.TownshipId);
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> b)
    {
        b.ToTable("evaluations");
        b.Property(e => e.CreatedBy).HasMaxLength(100);
        b.HasIndex(e => new { e.CountyId, e.Year }).IsUnique();
        b.HasOne<County>().WithMany().HasForeignKey(e => e.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvaluationSampleConfiguration : IEntityTypeConfiguration<EvaluationSample>
{
    public void Configure(EntityTypeBuilder<EvaluationSample> b)
    {
        b.ToTable("evaluation_samples");
        b.Property(s => s.Visited).HasMaxLength(200);
        b.Property(s => s.Note).HasMaxLength(1000);
        b.Property(s => s.RecordedBy).HasMaxLength(100);
        b.HasIndex(s => new { s.EvaluationId, s.Position }).IsUnique();
        b.HasIndex(s => s.VillageId);
        b.HasOne<Evaluation>().WithMany().HasForeignKey(s => s.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Household>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}
