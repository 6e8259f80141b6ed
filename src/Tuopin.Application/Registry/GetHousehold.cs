using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>One household with its members, incomes (against each year's poverty line) and status history.</summary>
public sealed class GetHousehold(Database database, Audit.AccessLog log)
{
    public async Task<HouseholdDetail> HandleAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var h = await db.Households.AsNoTracking().AsSplitQuery()
            .Include(x => x.Members)
            .Include(x => x.Incomes)
            .Include(x => x.StatusChanges)
            .FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw RegistryMapping.HouseholdNotFound();
        var place = await db.Villages.AsNoTracking()
            .Where(v => v.Id == h.VillageId)
            .Select(v => new { v.Name, Township = v.Township!.Name })
            .FirstAsync(ct);
        var group = h.GroupId is { } groupId
            ? await db.VillageGroups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.Name).FirstOrDefaultAsync(ct)
            : null;
        var years = h.Incomes.Select(i => i.Year).ToList();
        var lines = await db.PovertyLines.AsNoTracking().Where(l => years.Contains(l.Year)).ToDictionaryAsync(l => l.Year, l => l.Amount.Yuan, ct);
        var workYear = await WorkYear.GetAsync(db, database.Clock, ct);
        var asOf = new DateOnly(workYear, 12, 31);
        var actor = database.Actor;
        var protector = database.Protector;
        var phone = h.PhoneCipher is null ? null : protector.Unprotect(h.PhoneCipher);

        var members = h.Members
            .OrderBy(m => m.Status).ThenBy(m => m.Relation).ThenBy(m => m.BirthDate)
            .Select(m => new MemberView(
                m.Id, m.Name, RegistryMapping.Show(actor, protector, m.ResidentIdCipher, Masking.ResidentId),
                // The exact birth date is a part of the resident ID: roles that see IDs masked see the month only.
                m.Sex, actor.CanSeePersonalData ? m.BirthDate : null, m.BirthDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                Math.Max(0, Ages.On(m.BirthDate, asOf)), m.Relation, m.EthnicityCode,
                Codes.Ethnicities.TryFind(m.EthnicityCode, out var e) ? e.Zh : m.EthnicityCode,
                m.Education, m.Schooling, m.Health, m.DisabilityGrade, m.Labour, m.MigrantWork, m.MigrantMonths,
                m.MedicalInsurance, m.PensionInsurance, m.Status))
            .ToList();
        var incomes = h.Incomes.OrderBy(i => i.Year).Select(i => new IncomeView(
            i.Year, i.HouseholdSize, i.Wage.Yuan, i.Production.Yuan, i.Property.Yuan, i.FamilyPlanning.Yuan, i.Dibao.Yuan,
            i.Wubao.Yuan, i.Pension.Yuan, i.EcoCompensation.Yuan, i.OtherTransfer.Yuan, i.ProductionExpense.Yuan,
            i.Transfer.Yuan, i.Total.Yuan, i.Net.Yuan, decimal.Round(i.PerCapitaNet, 2), lines.TryGetValue(i.Year, out var line) ? line : null)).ToList();
        var changes = h.StatusChanges.OrderBy(c => c.Date).ThenBy(c => c.RecordedAt)
            .Select(c => new StatusChangeView(c.Date, c.From, c.To, c.Year, c.Reason, c.RecordedBy, c.RecordedAt)).ToList();

        // Full resident IDs and the phone were shown: the audit says who saw them, when.
        if (actor.CanSeePersonalData && (members.Count > 0 || phone is not null))
            await log.ReadAsync(actor, nameof(Household), h.Id, h.Id, new { shown = "residentIds,phone", members = members.Count }, ct);

        return new HouseholdDetail(
            h.Id, h.Number, h.Version, h.CountyId, h.TownshipId, place.Township, h.VillageId, place.Name, h.GroupId, group,
            RegistryMapping.FieldsOf(h, actor.CanSeePersonalData ? phone : null),
            phone is null ? null : actor.CanSeePersonalData ? new ShownId(phone, false) : new ShownId(Masking.Phone(phone), true),
            h.Status, h.ExitYear, h.CreatedAt, h.UpdatedAt, members, incomes, changes);
    }
}
