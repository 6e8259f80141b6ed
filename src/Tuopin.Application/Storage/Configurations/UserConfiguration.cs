using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Application.Accounts;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.Ignore(u => u.Scope);
        // No foreign key: units are never deleted, and accounts are written before the organisation on a new database.
        b.HasIndex(u => u.UnitId);
    }
}
