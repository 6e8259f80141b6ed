using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Builds the <see cref="HouseholdFacts"/> the assistance rules read, for every poor household of the user's area
/// in a year (or one household), in six set-based queries whatever the number of households: the households, their
/// present members' facts, the year's measures, the incomes before the year, the open and ended pairings, and the
/// year's poverty line. "Poor in the year" is the registry's rule: still poor at the end of the year before.
/// </summary>
internal static class AssistanceFacts
{
    public static IQueryable<Household> PoorIn(TuopinDb db, int year) =>
        db.Households.AsNoTracking().Where(h => h.ClosedOn == null).Where(HouseholdStanding.AssessedIn(year));

    public static async Task<List<HouseholdFacts>> BuildAsync(TuopinDb db, IQueryable<Household> households, int year, DateOnly day, CancellationToken ct)
    {
        var (bornAfter, bornOnOrBefore) = AssistanceRules.SchoolAgeBirths(day);
        var rows = await households.Select(h => new { h.Id, h.TownshipId, h.VillageId, h.MainCause, h.OtherCause1, h.OtherCause2, h.Attribute, h.Housing }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        // The households' own records, read by the ids the area rule already let through: the area filter of a
        // household-owned record would only ask again, per row, whether its household is visible.
        var ids = rows.Select(h => h.Id).ToList();

        var members = await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => ids.Contains(m.HouseholdId) && m.Status == MemberStatus.Present)
            .GroupBy(m => m.HouseholdId)
            .Select(g => new
            {
                HouseholdId = g.Key,
                Size = g.Count(),
                Labour = g.Count(m => m.Labour == LabourSkill.Ordinary || m.Labour == LabourSkill.Skilled),
                OutOfSchool = g.Count(m => m.Schooling == Schooling.NotInSchool && m.BirthDate > bornAfter && m.BirthDate <= bornOnOrBefore),
            })
            .ToDictionaryAsync(m => m.HouseholdId, ct);

        var measures = (await db.Measures.IgnoreQueryFilters().AsNoTracking().Where(m => m.Year == year && ids.Contains(m.HouseholdId!.Value))
                .Select(m => new { HouseholdId = m.HouseholdId!.Value, m.Type, m.Status, m.ExpectedIncome, m.EffectIncome, m.EffectNote }).ToListAsync(ct))
            .ToLookup(m => m.HouseholdId, m => new MeasureFact(m.Type, m.Status, m.ExpectedIncome, m.EffectIncome is not null || !string.IsNullOrWhiteSpace(m.EffectNote)));

        // The latest income of a year before the plan's: its net, the household's base. Only the parts of the net are read.
        var incomes = (await db.Incomes.IgnoreQueryFilters().AsNoTracking().Where(i => i.Year < year && ids.Contains(i.HouseholdId))
                .Select(i => new HouseholdIncome
                {
                    HouseholdId = i.HouseholdId, Year = i.Year, Wage = i.Wage, Production = i.Production, Property = i.Property, FamilyPlanning = i.FamilyPlanning,
                    Dibao = i.Dibao, Wubao = i.Wubao, Pension = i.Pension, EcoCompensation = i.EcoCompensation, OtherTransfer = i.OtherTransfer, ProductionExpense = i.ProductionExpense,
                })
                .ToListAsync(ct))
            .GroupBy(i => i.HouseholdId).ToDictionary(g => g.Key, g => g.MaxBy(i => i.Year)!);

        var pairings = (await db.CadreAssignments.IgnoreQueryFilters().AsNoTracking().Where(a => a.StartedOn <= day && ids.Contains(a.HouseholdId))
                .Select(a => new { a.HouseholdId, Open = a.EndedOn == null || a.EndedOn >= day }).ToListAsync(ct))
            .GroupBy(a => a.HouseholdId).ToDictionary(g => g.Key, g => (Open: g.Any(a => a.Open), Ended: g.Any(a => !a.Open)));

        var line = await db.PovertyLines.AsNoTracking().Where(l => l.Year == year).Select(l => (Money?)l.Amount).FirstOrDefaultAsync(ct);

        return rows.Select(h =>
        {
            var ms = measures[h.Id].ToList();
            var income = incomes.GetValueOrDefault(h.Id);
            var pairing = pairings.GetValueOrDefault(h.Id);
            var present = members.GetValueOrDefault(h.Id);
            var plan = PlanSufficiency.Evaluate(year, income?.Net ?? Money.Zero, income?.Year, present?.Size ?? 0, ms, line);
            return new HouseholdFacts(h.Id, h.TownshipId, h.VillageId, h.MainCause, h.OtherCause1, h.OtherCause2, h.Attribute, h.Housing,
                present?.Labour > 0, present?.OutOfSchool > 0, pairing.Open, pairing.Ended, ms, plan);
        }).ToList();
    }
}
