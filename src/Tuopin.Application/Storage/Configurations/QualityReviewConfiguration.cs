using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Application.Quality;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class QualityReviewConfiguration : IEntityTypeConfiguration<QualityReview>
{
    public void Configure(EntityTypeBuilder<QualityReview> b)
    {
        b.ToTable("quality_reviews");
        b.Property(r => r.RuleCode).HasMaxLength(40);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.ReviewedBy).HasMaxLength(100);
        b.HasIndex(r => new { r.RuleCode, r.SubjectId }).IsUnique();
        b.HasIndex(r => r.HouseholdId);
        b.HasIndex(r => r.TownshipId);
    }
}
