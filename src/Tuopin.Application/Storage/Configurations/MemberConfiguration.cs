using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("members");
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.ResidentIdCipher).HasMaxLength(120);
        b.Property(m => m.ResidentIdIndex).HasMaxLength(64);
        b.Property(m => m.EthnicityCode).HasMaxLength(2);
        // One person, one record, anywhere in the database.
        b.HasIndex(m => m.ResidentIdIndex).IsUnique();
        b.HasIndex(m => new { m.HouseholdId, m.Status });
        b.HasIndex(m => m.Name);
        b.HasIndex(m => m.CountyId);
        b.HasIndex(m => m.TownshipId);
        b.HasIndex(m => m.VillageId);
    }
}

/// <summary>The name search's index: a piece of a name, then its member (the key and (gram, household) serve the search; the member index its rewrites).</summary>
internal sealed class MemberNameGramConfiguration : IEntityTypeConfiguration<Application.Registry.MemberNameGram>
{
    public void Configure(EntityTypeBuilder<Application.Registry.MemberNameGram> b)
    {
        b.ToTable("member_name_grams");
        b.HasKey(g => new { g.Gram, g.MemberId });
        b.Property(g => g.Gram).HasMaxLength(8);
        b.HasIndex(g => g.MemberId);
        b.HasIndex(g => new { g.Gram, g.HouseholdId });
        b.HasOne<Member>().WithMany().HasForeignKey(g => g.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
