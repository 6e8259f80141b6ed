using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Housing;

/// <summary>
/// Which of the plan's housing subsidies a household fits (住房补助类别认定), with the reasons and the county's amount for
/// it: the rule is <see cref="HousingSubsidies.Assess"/>, on the household's status and housing, its present members
/// (who can work, who has a severe disability) and its last net income before the working year against that year's
/// line. Found by id or by number, in the user's area.
/// </summary>
public sealed class AssessHousingEligibility(Database database)
{
    public sealed record Result(
        Guid HouseholdId, string Number, int Year, HousingSubsidyCategory? Category, IReadOnlyList<LocalText> Reasons, decimal? Amount, HousingFacts Facts);

    public async Task<Result> HandleAsync(Guid? householdId = null, string? number = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = db.Households.AsNoTracking();
        query = householdId is { } id ? query.Where(h => h.Id == id) : query.Where(h => h.Number == (number ?? string.Empty).Trim());
        var h = await query.Select(h => new { h.Id, h.Number, h.Status, h.Housing, h.IsAdobeHouse, h.Attribute }).FirstOrDefaultAsync(ct)
            ?? throw RegistryMapping.HouseholdNotFound();
        var year = await WorkYear.GetAsync(db, database.Clock, ct);
        var members = await db.Members.AsNoTracking().Where(m => m.HouseholdId == h.Id && m.Status == MemberStatus.Present)
            .Select(m => new { m.Labour, m.Health, m.DisabilityGrade }).ToListAsync(ct);
        var income = await db.Incomes.AsNoTracking().Where(i => i.HouseholdId == h.Id && i.Year < year).OrderByDescending(i => i.Year).FirstOrDefaultAsync(ct);
        var line = income is null ? null : (await db.PovertyLines.AsNoTracking().FirstOrDefaultAsync(l => l.Year == income.Year, ct))?.Amount.Yuan;
        var facts = new HousingFacts(h.Status, h.Housing, h.IsAdobeHouse, h.Attribute, members.Count,
            members.Count(m => m.Labour is LabourSkill.Ordinary or LabourSkill.Skilled), members.Count(m => HousingSubsidies.IsSevere(m.Health, m.DisabilityGrade)),
            income?.PerCapitaNet, income?.Year, line);
        var eligibility = HousingSubsidies.Assess(facts);
        var amount = eligibility.Category is { } category ? await AmountAsync(db, category, ct) : null;
        return new Result(h.Id, h.Number, year, eligibility.Category, eligibility.Reasons, amount, facts);
    }

    /// <summary>The county's amount for a category, if it has set one.</summary>
    internal static async Task<decimal?> AmountAsync(TuopinDb db, HousingSubsidyCategory category, CancellationToken ct)
    {
        var value = await StoredSettings.GetAsync(db, HousingSubsidies.SettingKey(category), ct);
        return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan) ? yuan : null;
    }
}
