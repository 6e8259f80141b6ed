using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class CadreConfiguration : IEntityTypeConfiguration<Cadre>
{
    public void Configure(EntityTypeBuilder<Cadre> b)
    {
        b.ToTable("cadres");
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.WorkUnit).HasMaxLength(100);
        b.Property(c => c.Position).HasMaxLength(50);
        b.Property(c => c.PhoneCipher).HasMaxLength(400);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.CountyId, c.Name });
        b.HasOne<County>().WithMany().HasForeignKey(c => c.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CadreAssignmentConfiguration : IEntityTypeConfiguration<CadreAssignment>
{
    public void Configure(EntityTypeBuilder<CadreAssignment> b)
    {
        b.ToTable("cadre_assignments");
        b.Property(a => a.EndReason).HasMaxLength(200);
        b.Property(a => a.RecordedBy).HasMaxLength(100);
        b.HasIndex(a => new { a.HouseholdId, a.StartedOn });
        // A cadre's load, and the area counts of pairings.
        b.HasIndex(a => new { a.CadreId, a.EndedOn });
        b.HasIndex(a => a.VillageId);
        b.HasIndex(a => a.TownshipId);
        b.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Cadre).WithMany().HasForeignKey(a => a.CadreId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkTeamConfiguration : IEntityTypeConfiguration<WorkTeam>
{
    public void Configure(EntityTypeBuilder<WorkTeam> b)
    {
        b.ToTable("work_teams");
        b.Property(t => t.StationedUnit).HasMaxLength(100);
        b.Property(t => t.FirstSecretary).HasMaxLength(50);
        b.Property(t => t.Leader).HasMaxLength(50);
        b.Property(t => t.Members).HasMaxLength(500);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.VillageId, t.StartedOn });
        b.HasIndex(t => t.TownshipId);
        b.HasIndex(t => t.CountyId);
        b.HasOne<Village>().WithMany().HasForeignKey(t => t.VillageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeasureConfiguration : IEntityTypeConfiguration<Measure>
{
    public void Configure(EntityTypeBuilder<Measure> b)
    {
        b.ToTable("measures");
        b.Property(m => m.Content).HasMaxLength(500);
        b.Property(m => m.EffectNote).HasMaxLength(500);
        b.Property(m => m.RecordedBy).HasMaxLength(100);
        b.Property(m => m.ReviewedBy).HasMaxLength(100);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.HouseholdId, m.Year });
        // Coverage reads a year's measures of an area.
        b.HasIndex(m => new { m.VillageId, m.Year });
        b.HasIndex(m => new { m.TownshipId, m.Year });
        b.HasIndex(m => new { m.CountyId, m.Year });
        b.HasIndex(m => new { m.EdgeHouseholdId, m.Year });
        b.HasOne<Household>().WithMany().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EdgeHousehold>().WithMany().HasForeignKey(m => m.EdgeHouseholdId).OnDelete(DeleteBehavior.Restrict);
        // A measure is a registered household's or an edge household's, never both and never neither.
        b.ToTable(t => t.HasCheckConstraint("ck_measures_one_household", "(household_id IS NULL) <> (edge_household_id IS NULL)"));
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Cadre>().WithMany().HasForeignKey(m => m.CadreId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MonitoringCaseConfiguration : IEntityTypeConfiguration<MonitoringCase>
{
    public void Configure(EntityTypeBuilder<MonitoringCase> b)
    {
        b.ToTable("monitoring_cases");
        b.Property(c => c.Reason).HasMaxLength(500);
        b.Property(c => c.LastReviewNote).HasMaxLength(500);
        b.Property(c => c.CloseReason).HasMaxLength(500);
        b.Property(c => c.RecordedBy).HasMaxLength(100);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.HouseholdId, c.EnrolledOn });
        // At most one open case a household: the race between two enrolments is lost at the index.
        b.HasIndex(c => c.HouseholdId).IsUnique().HasFilter("closed_on IS NULL").HasDatabaseName("ix_monitoring_cases_open_household");
        b.HasIndex(c => new { c.VillageId, c.ClosedOn });
        b.HasIndex(c => new { c.TownshipId, c.ClosedOn });
        b.HasIndex(c => new { c.CountyId, c.ClosedOn });
        b.HasOne<Household>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.EdgeHouseholdId).IsUnique().HasFilter("closed_on IS NULL").HasDatabaseName("ix_monitoring_cases_open_edge_household");
        b.HasOne<EdgeHousehold>().WithMany().HasForeignKey(c => c.EdgeHouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_monitoring_cases_one_household", "(household_id IS NULL) <> (edge_household_id IS NULL)"));
    }
}

internal sealed class EdgeHouseholdConfiguration : IEntityTypeConfiguration<EdgeHousehold>
{
    public void Configure(EntityTypeBuilder<EdgeHousehold> b)
    {
        b.ToTable("edge_households");
        b.Property(h => h.Number).HasMaxLength(20);
        b.HasIndex(h => h.Number).IsUnique();
        b.Property(h => h.Address).HasMaxLength(200);
        b.Property(h => h.PhoneCipher).HasMaxLength(400);
        b.Property(h => h.RecordedBy).HasMaxLength(100);
        b.Property(h => h.Version).IsConcurrencyToken();
        b.HasIndex(h => h.VillageId);
        b.HasIndex(h => h.TownshipId);
        b.HasIndex(h => h.CountyId);
        b.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.EdgeHouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EdgeMemberConfiguration : IEntityTypeConfiguration<EdgeMember>
{
    public void Configure(EntityTypeBuilder<EdgeMember> b)
    {
        b.ToTable("edge_members");
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.ResidentIdCipher).HasMaxLength(120);
        b.Property(m => m.ResidentIdIndex).HasMaxLength(64);
        // A person is watched in one edge household at a time.
        b.HasIndex(m => m.ResidentIdIndex).IsUnique();
        b.HasIndex(m => m.VillageId);
    }
}

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> b)
    {
        b.ToTable("training_courses");
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Organiser).HasMaxLength(100);
        b.Property(c => c.Place).HasMaxLength(200);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => new { c.CountyId, c.Kind, c.EndedOn });
        b.HasOne<County>().WithMany().HasForeignKey(c => c.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingAttendanceConfiguration : IEntityTypeConfiguration<TrainingAttendance>
{
    public void Configure(EntityTypeBuilder<TrainingAttendance> b)
    {
        b.ToTable("training_attendances");
        b.Property(a => a.PersonName).HasMaxLength(TrainingAttendance.MaxNameLength);
        b.Property(a => a.RecordedBy).HasMaxLength(100);
        b.HasIndex(a => a.CourseId);
        b.HasIndex(a => a.VillageId);
        b.HasIndex(a => a.TownshipId);
        b.HasIndex(a => a.MemberId);
        b.HasOne(a => a.Course).WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Village>().WithMany().HasForeignKey(a => a.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
