using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Places;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("inspections");
        b.Property(i => i.Title).HasMaxLength(Inspection.MaxTitleLength);
        b.Property(i => i.Notes).HasMaxLength(1000);
        b.Property(i => i.RecordedBy).HasMaxLength(100);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => new { i.CountyId, i.Year });
        b.HasIndex(i => i.TownshipId);
        b.HasIndex(i => i.VillageId);
        b.HasIndex(i => i.SubjectUnitId);
        b.HasOne<County>().WithMany().HasForeignKey(i => i.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.SubjectUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(i => i.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Village>().WithMany().HasForeignKey(i => i.VillageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.ToTable("findings");
        b.Property(f => f.Description).HasMaxLength(Finding.MaxDescriptionLength);
        b.Property(f => f.Measures).HasMaxLength(2000);
        b.Property(f => f.SubmittedBy).HasMaxLength(100);
        b.Property(f => f.ClosedBy).HasMaxLength(100);
        b.Property(f => f.ReopenReason).HasMaxLength(500);
        b.Property(f => f.RecordedBy).HasMaxLength(100);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.HasIndex(f => f.InspectionId);
        b.HasIndex(f => new { f.CountyId, f.Year, f.Status });
        b.HasIndex(f => new { f.TownshipId, f.Status });
        b.HasIndex(f => new { f.VillageId, f.Status });
        b.HasIndex(f => new { f.ResponsibleUnitId, f.Status });
        b.HasIndex(f => new { f.TargetKind, f.TargetId });
        b.HasOne<Inspection>().WithMany().HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(f => f.ResponsibleUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(f => f.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Village>().WithMany().HasForeignKey(f => f.VillageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FindingEvidenceConfiguration : IEntityTypeConfiguration<FindingEvidence>
{
    public void Configure(EntityTypeBuilder<FindingEvidence> b)
    {
        b.ToTable("finding_evidence");
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.UploadedBy).HasMaxLength(100);
        b.HasIndex(e => e.FindingId);
        b.HasOne<Finding>().WithMany().HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AccountabilityCaseConfiguration : IEntityTypeConfiguration<AccountabilityCase>
{
    public void Configure(EntityTypeBuilder<AccountabilityCase> b)
    {
        b.ToTable("accountability_cases");
        b.Property(c => c.Cause).HasMaxLength(1000);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.CountyId, c.Year });
        b.HasIndex(c => c.SubjectUnitId);
        b.HasIndex(c => c.TownshipId);
        b.HasIndex(c => c.VillageId);
        b.HasIndex(c => c.FindingId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.SubjectUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<UnitPerson>().WithMany().HasForeignKey(c => c.SubjectPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Finding>().WithMany().HasForeignKey(c => c.FindingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Projects.Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Funds.Disbursement>().WithMany().HasForeignKey(c => c.DisbursementId).OnDelete(DeleteBehavior.Restrict);
    }
}
