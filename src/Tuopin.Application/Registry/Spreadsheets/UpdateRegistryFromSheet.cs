using Microsoft.EntityFrameworkCore;

using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// Update mode: registered households named by the file are changed with tracked edits, so that each
/// field change is audited as an edit in the UI would be; members are matched by resident ID, and a
/// change of status adds its event. It keeps the registered households of the file, once checked, until
/// the update at the end of the import. <paramref name="taken"/>: the file's resident IDs that the
/// registry holds (filled by the import's lookups as it reads).
/// </summary>
internal sealed class UpdateRegistryFromSheet(TuopinDb db, IPersonalDataProtector protector, DateOnly today, IReadOnlyDictionary<string, TakenId> taken)
{
    private readonly List<HouseholdDraft> _updates = [];

    /// <summary>The registered households kept for the update.</summary>
    public int Count => _updates.Count;

    /// <summary>
    /// A checked registered household with its members read: each member matched to the registered member
    /// of the same resident ID, the fields the check needed dropped, the household kept for the update.
    /// </summary>
    public void Keep(HouseholdDraft h)
    {
        foreach (var m in h.Members)
            if (taken.TryGetValue(m.Entity.ResidentIdIndex, out var same) && same.Household == h.Existing!.Id)
                m.ExistingId = same.Member;
        h.DropFields();
        h.People.Clear();
        _updates.Add(h);
    }

    /// <summary>Update mode: tracked changes, so that each field change is audited as an edit in the UI would be.</summary>
    public async Task<int> UpdateAsync(string fileName, DateTime now, CancellationToken ct)
    {
        var written = 0;
        foreach (var chunk in _updates.Chunk(500))
        {
            var ids = chunk.Select(h => h.Existing!.Id).ToList();
            var loaded = await db.Households.Include(h => h.Members).Include(h => h.Incomes)
                .Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
            foreach (var draft in chunk)
            {
                var target = loaded[draft.Existing!.Id];
                var source = draft.Entity!;
                var fromStatus = target.Status;
                target.GroupId = source.GroupId;
                target.RegistrationYear = source.RegistrationYear;
                target.Standard = source.Standard;
                target.Attribute = source.Attribute;
                target.MainCause = source.MainCause;
                target.OtherCause1 = source.OtherCause1;
                target.OtherCause2 = source.OtherCause2;
                target.Housing = source.Housing;
                target.HousingArea = source.HousingArea;
                target.IsAdobeHouse = source.IsAdobeHouse;
                target.HasLivingPower = source.HasLivingPower;
                target.HasProductionPower = source.HasProductionPower;
                target.DrinkingWaterDifficult = source.DrinkingWaterDifficult;
                target.DrinkingWaterSafe = source.DrinkingWaterSafe;
                target.HasSanitaryToilet = source.HasSanitaryToilet;
                target.DistanceToMainRoadKm = source.DistanceToMainRoadKm;
                target.EntryRoad = source.EntryRoad;
                target.MainFuel = source.MainFuel;
                target.InCooperative = source.InCooperative;
                target.Status = source.Status;
                target.ExitYear = source.ExitYear;
                var currentPhone = target.PhoneCipher is null ? null : protector.Unprotect(target.PhoneCipher);
                if (currentPhone != draft.Phone) target.PhoneCipher = draft.Phone is null ? null : protector.Protect(draft.Phone);
                foreach (var m in draft.Members)
                {
                    var existing = m.ExistingId is { } id ? target.Members.FirstOrDefault(x => x.Id == id) : null;
                    if (existing is null)
                    {
                        var fresh = m.Entity;
                        target.Adopt(fresh);
                        fresh.ResidentIdCipher = protector.Protect(m.ResidentId!);
                        db.Set<Member>().Add(fresh);
                        if (!target.Members.Contains(fresh)) target.Members.Add(fresh); // EF usually fixes the navigation up itself
                    }
                    else
                    {
                        var s = m.Entity;
                        existing.Name = s.Name; existing.Sex = s.Sex; existing.BirthDate = s.BirthDate; existing.Relation = s.Relation;
                        existing.EthnicityCode = s.EthnicityCode; existing.Education = s.Education; existing.Schooling = s.Schooling;
                        existing.Health = s.Health; existing.DisabilityGrade = s.DisabilityGrade; existing.Labour = s.Labour;
                        existing.MigrantWork = s.MigrantWork; existing.MigrantMonths = s.MigrantMonths;
                        existing.MedicalInsurance = s.MedicalInsurance; existing.PensionInsurance = s.PensionInsurance; existing.Status = s.Status;
                    }
                    written++;
                }
                foreach (var income in draft.Incomes)
                {
                    var existing = target.Incomes.FirstOrDefault(i => i.Year == income.Year);
                    if (existing is null)
                    {
                        income.HouseholdId = target.Id;
                        db.Set<HouseholdIncome>().Add(income);
                        continue;
                    }
                    foreach (var (field, amount) in income.Parts())
                        typeof(HouseholdIncome).GetProperty(field)!.SetValue(existing, amount);
                    existing.HouseholdSize = income.HouseholdSize;
                }
                target.CountMembers();
                if (fromStatus != target.Status)
                {
                    var last = await HouseholdEvents.LastAsync(db, target.Id, ct);
                    var date = draft.ExitedOn ?? today;
                    HouseholdEvents.Append(db, target, last, HouseholdStatusRules.EventKindOf(target.Status),
                        last is { } previous && previous.Date > date ? previous.Date : date, fromStatus, $"导入文件 {fileName}（更新模式）");
                }
                // Version is bookkeeping (not audited on its own): it only makes open edit forms of these households stale.
                target.Version++;
            }
        }
        return written;
    }
}
