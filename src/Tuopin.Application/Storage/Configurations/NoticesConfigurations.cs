using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Notices;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class NoticeObjectionConfiguration : IEntityTypeConfiguration<NoticeObjection>
{
    public void Configure(EntityTypeBuilder<NoticeObjection> b)
    {
        b.ToTable("notice_objections");
        b.Property(o => o.Text).HasMaxLength(NoticeRules.MaxObjectionLength);
        b.Property(o => o.ContactName).HasMaxLength(NoticeObjection.MaxContactLength);
        b.Property(o => o.PhoneCipher).HasMaxLength(200);
        b.Property(o => o.PhoneMasked).HasMaxLength(20);
        b.Property(o => o.Answer).HasMaxLength(1000);
        b.Property(o => o.AnsweredBy).HasMaxLength(100);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasIndex(o => new { o.Kind, o.TargetId, o.Status });
        b.HasIndex(o => new { o.CountyId, o.Status });
        b.HasIndex(o => new { o.TownshipId, o.Status });
        b.HasIndex(o => new { o.VillageId, o.Status });
        b.HasOne<County>().WithMany().HasForeignKey(o => o.CountyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BenefitNoticeConfiguration : IEntityTypeConfiguration<BenefitNotice>
{
    public void Configure(EntityTypeBuilder<BenefitNotice> b)
    {
        b.ToTable("benefit_notices");
        b.Property(n => n.PublishedBy).HasMaxLength(100);
        b.Property(n => n.Version).IsConcurrencyToken();
        b.HasIndex(n => new { n.VillageId, n.Year }).IsUnique();
        b.HasIndex(n => new { n.StartsOn, n.EndsOn });
        b.HasIndex(n => n.CountyId);
        b.HasIndex(n => n.TownshipId);
        b.HasOne<Village>().WithMany().HasForeignKey(n => n.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_benefit_notices_period", "ends_on >= starts_on"));
    }
}
