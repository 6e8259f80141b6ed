using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("org_units");
        b.Property(u => u.Name).HasMaxLength(OrgUnit.MaxNameLength);
        b.Property(u => u.Aliases).HasMaxLength(300);
        b.Property(u => u.Duty).HasMaxLength(500);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasIndex(u => new { u.CountyId, u.Name }).IsUnique();
        b.HasIndex(u => new { u.CountyId, u.Kind });
        b.HasIndex(u => u.ParentId);
        b.HasIndex(u => u.TownshipId);
        b.HasIndex(u => u.VillageId);
        b.HasOne<County>().WithMany().HasForeignKey(u => u.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Township>().WithMany().HasForeignKey(u => u.TownshipId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Village>().WithMany().HasForeignKey(u => u.VillageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitPersonConfiguration : IEntityTypeConfiguration<UnitPerson>
{
    public void Configure(EntityTypeBuilder<UnitPerson> b)
    {
        b.ToTable("unit_people");
        b.Property(p => p.Name).HasMaxLength(UnitPerson.MaxNameLength);
        b.Property(p => p.Position).HasMaxLength(40);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => p.UnitId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TargetResponsibilityConfiguration : IEntityTypeConfiguration<TargetResponsibility>
{
    public void Configure(EntityTypeBuilder<TargetResponsibility> b)
    {
        b.ToTable("target_responsibilities");
        b.Property(r => r.TargetKey).HasMaxLength(80);
        b.Property(r => r.Text).HasMaxLength(100);
        b.Property(r => r.MatchedBy).HasMaxLength(100);
        b.HasIndex(r => new { r.CountyId, r.TargetKey });
        b.HasIndex(r => r.UnitId);
        b.HasOne<County>().WithMany().HasForeignKey(r => r.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_target_responsibilities_unit", "(unit_id IS NULL) <> (all_of_kind IS NULL)"));
    }
}
