using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Places;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.ToTable("projects");
        b.Property(p => p.Code).HasMaxLength(50);
        b.Property(p => p.Name).HasMaxLength(Project.MaxNameLength);
        b.Property(p => p.OutputQuantity).HasPrecision(14, 2);
        b.Property(p => p.OutputUnit).HasMaxLength(20);
        b.Property(p => p.ApprovalDocumentNumber).HasMaxLength(100);
        b.Property(p => p.Contractor).HasMaxLength(100);
        b.Property(p => p.AcceptedBy).HasMaxLength(100);
        b.Property(p => p.AcceptanceResult).HasMaxLength(200);
        b.Property(p => p.FlagReason).HasMaxLength(500);
        b.Property(p => p.RecordedBy).HasMaxLength(100);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.CountyId, p.Code }).IsUnique();
        b.HasIndex(p => new { p.CountyId, p.Year, p.Step });
        b.HasMany(p => p.Villages).WithOne().HasForeignKey(v => v.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<County>().WithMany().HasForeignKey(p => p.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(p => p.ResponsibleTownshipId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_projects_budget", "budget >= 0 AND progress_percent BETWEEN 0 AND 100"));
    }
}

internal sealed class ProjectVillageConfiguration : IEntityTypeConfiguration<ProjectVillage>
{
    public void Configure(EntityTypeBuilder<ProjectVillage> b)
    {
        b.ToTable("project_villages");
        b.HasIndex(v => new { v.ProjectId, v.VillageId }).IsUnique();
        b.HasIndex(v => v.VillageId);
        b.HasOne<Village>().WithMany().HasForeignKey(v => v.VillageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProjectBeneficiaryConfiguration : IEntityTypeConfiguration<ProjectBeneficiary>
{
    public void Configure(EntityTypeBuilder<ProjectBeneficiary> b)
    {
        b.ToTable("project_beneficiaries");
        b.HasIndex(x => new { x.ProjectId, x.HouseholdId }).IsUnique();
        b.HasIndex(x => x.HouseholdId);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProjectStepRecordConfiguration : IEntityTypeConfiguration<ProjectStepRecord>
{
    public void Configure(EntityTypeBuilder<ProjectStepRecord> b)
    {
        b.ToTable("project_steps");
        b.Property(s => s.DocumentNumber).HasMaxLength(100);
        b.Property(s => s.Note).HasMaxLength(500);
        b.Property(s => s.By).HasMaxLength(100);
        b.HasIndex(s => new { s.ProjectId, s.Step });
        b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectDocumentConfiguration : IEntityTypeConfiguration<ProjectDocument>
{
    public void Configure(EntityTypeBuilder<ProjectDocument> b)
    {
        b.ToTable("project_documents");
        b.Property(d => d.FileName).HasMaxLength(255);
        b.Property(d => d.ContentType).HasMaxLength(100);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.UploadedBy).HasMaxLength(100);
        b.HasIndex(d => new { d.ProjectId, d.Step });
        b.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<County>().WithMany().HasForeignKey(d => d.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}
