using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage.Configurations;

internal sealed class HouseholdIncomeConfiguration : IEntityTypeConfiguration<HouseholdIncome>
{
    public void Configure(EntityTypeBuilder<HouseholdIncome> b)
    {
        b.ToTable("household_incomes");
        b.HasIndex(i => new { i.HouseholdId, i.Year }).IsUnique();
        b.Ignore(i => i.Transfer);
        b.Ignore(i => i.Total);
        b.Ignore(i => i.Net);
        b.Ignore(i => i.PerCapitaNet);
    }
}
