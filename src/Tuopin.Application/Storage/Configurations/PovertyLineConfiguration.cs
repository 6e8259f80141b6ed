using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class PovertyLineConfiguration : IEntityTypeConfiguration<PovertyLine>
{
    public void Configure(EntityTypeBuilder<PovertyLine> b)
    {
        b.ToTable("poverty_lines");
        b.HasKey(l => l.Year);
        b.Property(l => l.Year).ValueGeneratedNever();
    }
}
