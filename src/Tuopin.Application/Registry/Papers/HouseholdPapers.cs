using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// What the household papers (登记表, 明白卡) print of a household, read once for one household or a whole
/// village in household-number order. Codes are already words; resident IDs and the phone are as the paper
/// may show them (<see cref="Load"/>'s <c>full</c>). Nothing is made up: a value the registry does not hold is null.
/// </summary>
public static class HouseholdPapers
{
    /// <summary>The file a print gives: its bytes, type and name, how many households, and whether IDs were masked.</summary>
    public sealed record PaperFile(byte[] Content, string ContentType, string FileName, int Households, bool Masked);

    public const string PdfType = "application/pdf";

    public sealed record Place(Guid CountyId, Guid TownshipId, Guid VillageId, string County, string Township, string Village, string VillageCode);

    public sealed record MemberLine(
        string Name, string Sex, string ResidentId, int Age, string Relation, string Ethnicity, string Education, string Schooling,
        string Health, string Labour, string? MigrantWork, int? MigrantMonths, bool MedicalInsurance, bool PensionInsurance, bool Head);

    public sealed record IncomeLine(
        int Year, int HouseholdSize, decimal Wage, decimal Production, decimal Property,
        decimal FamilyPlanning, decimal Dibao, decimal Wubao, decimal Pension, decimal EcoCompensation, decimal OtherTransfer,
        decimal Transfer, decimal ProductionExpense, decimal Net, decimal PerCapitaNet, decimal? PovertyLine);

    public sealed record Paper(
        Guid Id, string Number, Place Place, string? Group, int RegistrationYear,
        string Standard, string Attribute, string MainCause, IReadOnlyList<string> OtherCauses,
        string Status, int? ExitYear, int Size, string? Phone,
        string Housing, decimal? HousingArea, bool IsAdobeHouse, bool HasLivingPower, bool HasProductionPower,
        bool DrinkingWaterDifficult, bool DrinkingWaterSafe, bool HasSanitaryToilet, decimal? DistanceToMainRoadKm,
        string? EntryRoad, string? MainFuel, bool InCooperative,
        IReadOnlyList<MemberLine> Members, IReadOnlyList<IncomeLine> Incomes, IReadOnlyList<(DateOnly Date, string Event)> Events,
        AssistanceLines? Assistance = null)
    {
        public MemberLine? Head => Members.FirstOrDefault(m => m.Head) ?? Members.FirstOrDefault();

        /// <summary>湖北省…: 来凤县三胡乡黄柏园村（二组）.</summary>
        public string Address => Place.County + Place.Township + Place.Village + (Group is null ? string.Empty : Group);
    }

    /// <summary>The household's cadre on the day printed and its measures of the working year, with the plan's arithmetic (null: not poor in the year).</summary>
    public sealed record AssistanceLines(int Year, CadreLine? Cadre, IReadOnlyList<MeasureLine> Measures, string? Plan);

    public sealed record CadreLine(string Name, string WorkUnit, string? Position, string? Phone);

    public sealed record MeasureLine(string Type, string Content, string? Member, decimal Amount, decimal ExpectedIncome, string Status, string? Effect);

    public static InvalidRequestException NothingToPrint() =>
        new([new Domain.Common.Problem("village", "papers.empty", new Domain.Common.LocalText("该村没有可打印的建档立卡贫困户", "The village has no registered households to print"))]);

    /// <summary>The paper as the format asked: the .docx itself, or its PDF through LibreOffice.</summary>
    public static async Task<PaperFile> FileAsync(byte[] docx, string stem, PaperFormat format, int households, bool masked, PdfConversion pdf, CancellationToken ct) =>
        format == PaperFormat.Pdf
            ? new PaperFile(await pdf.ToPdfAsync(docx, ct), PdfType, stem + ".pdf", households, masked)
            : new PaperFile(docx, WordParts.ContentType, stem + ".docx", households, masked);

    /// <summary>The village, if it exists and lies in the actor's area; otherwise not found (as a missing one).</summary>
    public static async Task<Place> VillageAsync(TuopinDb db, Guid villageId, CancellationToken ct)
    {
        var v = await db.Villages.AsNoTracking().Where(x => x.Id == villageId)
            .Select(x => new { x.Id, x.CountyId, x.TownshipId, x.Name, x.Code, Township = x.Township!.Name, County = x.Township.County!.Name })
            .FirstOrDefaultAsync(ct);
        if (v is null || !db.Actor.Scope.Covers(v.CountyId, v.TownshipId, v.Id))
            throw new NotFoundException(new Domain.Common.LocalText("没有这个村，或不在您的管辖范围内", "No such village in your area"));
        return new Place(v.CountyId, v.TownshipId, v.Id, v.County, v.Township, v.Name, v.Code);
    }

    /// <summary>
    /// The papers of the households <paramref name="selected"/> (already limited to the actor's area by the
    /// query filters), members present only, in number order. <paramref name="full"/>: full resident IDs and
    /// phone; otherwise masked as everywhere else (<see cref="Masking"/>). Ages on 31 December of <paramref name="year"/>.
    /// </summary>
    public static async Task<List<Paper>> Load(TuopinDb db, IQueryable<Household> selected, bool full, int year, CancellationToken ct)
    {
        var households = await selected.AsNoTracking().OrderBy(h => h.Number).ToListAsync(ct);
        if (households.Count == 0) return [];
        var ids = households.Select(h => h.Id).ToList();
        var villageIds = households.Select(h => h.VillageId).Distinct().ToList();
        var places = await db.Villages.AsNoTracking().Where(v => villageIds.Contains(v.Id))
            .Select(v => new Place(v.CountyId, v.TownshipId, v.Id, v.Township!.County!.Name, v.Township.Name, v.Name, v.Code))
            .ToDictionaryAsync(p => p.VillageId, ct);
        var groupIds = households.Where(h => h.GroupId is not null).Select(h => h.GroupId!.Value).Distinct().ToList();
        var groups = await db.VillageGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var members = (await db.Members.AsNoTracking().Where(m => ids.Contains(m.HouseholdId) && m.Status == MemberStatus.Present).ToListAsync(ct)).ToLookup(m => m.HouseholdId);
        var incomes = (await db.Incomes.AsNoTracking().Where(i => ids.Contains(i.HouseholdId)).ToListAsync(ct)).ToLookup(i => i.HouseholdId);
        var events = (await db.StatusChanges.AsNoTracking().Where(c => ids.Contains(c.HouseholdId))
            .Select(c => new { c.HouseholdId, c.Date, c.Sequence, c.Kind, c.To, c.Year }).ToListAsync(ct)).ToLookup(c => c.HouseholdId);
        var lines = await db.PovertyLines.AsNoTracking().ToDictionaryAsync(l => l.Year, l => l.Amount.Yuan, ct);
        var protector = db.Protector ?? throw new InvalidOperationException("The database has no personal-data protector");
        var asOf = new DateOnly(year, 12, 31);
        var assistance = await AssistanceAsync(db, selected, ids, year, protector, ct);

        return households.Select(h =>
        {
            var phone = h.PhoneCipher is null ? null : protector.Unprotect(h.PhoneCipher);
            if (phone is not null && !full) phone = Masking.Phone(phone);
            var people = members[h.Id]
                .OrderBy(m => m.Relation == Relation.Head ? 0 : 1).ThenBy(m => m.Relation).ThenBy(m => m.BirthDate).ThenBy(m => m.Name, StringComparer.Ordinal)
                .Select(m =>
                {
                    var id = protector.Unprotect(m.ResidentIdCipher);
                    return new MemberLine(m.Name, Codes.Sexes[m.Sex].Zh, full ? id : Masking.ResidentId(id), Math.Max(0, Ages.On(m.BirthDate, asOf)),
                        Codes.Relations[m.Relation].Zh, Codes.Ethnicities.TryFind(m.EthnicityCode, out var e) ? e.Zh : m.EthnicityCode,
                        Codes.Educations[m.Education].Zh, Codes.Schoolings[m.Schooling].Zh,
                        Codes.Healths[m.Health].Zh + (m.DisabilityGrade is { } g ? $"（{g}级）" : string.Empty), Codes.LabourSkills[m.Labour].Zh,
                        m.MigrantWork is { } w ? Codes.MigrantWorks[w].Zh : null, m.MigrantMonths, m.MedicalInsurance, m.PensionInsurance, m.Relation == Relation.Head);
                }).ToList();
            var money = incomes[h.Id].OrderBy(i => i.Year).Select(i => new IncomeLine(
                i.Year, i.HouseholdSize, i.Wage.Yuan, i.Production.Yuan, i.Property.Yuan, i.FamilyPlanning.Yuan, i.Dibao.Yuan, i.Wubao.Yuan,
                i.Pension.Yuan, i.EcoCompensation.Yuan, i.OtherTransfer.Yuan, i.Transfer.Yuan, i.ProductionExpense.Yuan, i.Net.Yuan,
                decimal.Round(i.PerCapitaNet, 2), lines.TryGetValue(i.Year, out var line) ? line : null)).ToList();
            var history = events[h.Id].OrderBy(c => c.Sequence).ThenBy(c => c.Date)
                .Select(c => (c.Date, Codes.EventKinds[c.Kind].Zh + (c.Kind == HouseholdEventKind.Exit && c.Year is { } y ? $"（{y}年）" : string.Empty))).ToList();
            return new Paper(h.Id, h.Number, places[h.VillageId], h.GroupId is { } gid ? groups.GetValueOrDefault(gid) : null, h.RegistrationYear,
                Codes.Standards[h.Standard].Zh, Codes.Attributes[h.Attribute].Zh, Codes.Causes[h.MainCause].Zh,
                new[] { h.OtherCause1, h.OtherCause2 }.Where(c => c is not null).Select(c => Codes.Causes[c!.Value].Zh).ToList(),
                Codes.Statuses[h.Status].Zh, h.ExitYear, h.Size, phone,
                Codes.Housings[h.Housing].Zh, h.HousingArea, h.IsAdobeHouse, h.HasLivingPower, h.HasProductionPower,
                h.DrinkingWaterDifficult, h.DrinkingWaterSafe, h.HasSanitaryToilet, h.DistanceToMainRoadKm,
                h.EntryRoad is { } r ? Codes.EntryRoads[r].Zh : null, h.MainFuel is { } f ? Codes.Fuels[f].Zh : null, h.InCooperative,
                people, money, history, assistance.GetValueOrDefault(h.Id));
        }).ToList();
    }

    /// <summary>
    /// The assistance a paper prints: the cadre responsible on the day (the working day, or the year's last day), the
    /// year's measures that count (not cancelled) and, for a household poor in the year, its plan's arithmetic — the
    /// same facts as the household's 帮扶 tab. The cadre's phone is printed for the household to call, in full only
    /// when the printing role may see phones.
    /// </summary>
    private static async Task<Dictionary<Guid, AssistanceLines>> AssistanceAsync(TuopinDb db, IQueryable<Household> selected, List<Guid> ids, int year,
        IPersonalDataProtector protector, CancellationToken ct)
    {
        var day = Domain.Assistance.AssistanceRules.DayOf(year, db.Clock.Today());
        var cadres = (await db.CadreAssignments.AsNoTracking().Where(a => ids.Contains(a.HouseholdId) && a.StartedOn <= day && (a.EndedOn == null || a.EndedOn >= day))
                .Select(a => new { a.HouseholdId, a.StartedOn, a.Cadre!.Name, a.Cadre.WorkUnit, a.Cadre.Position, a.Cadre.PhoneCipher }).ToListAsync(ct))
            .GroupBy(a => a.HouseholdId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.StartedOn)!);
        var measures = (await db.Measures.AsNoTracking().Where(m => ids.Contains(m.HouseholdId!.Value) && m.Year == year && m.Status != Domain.Assistance.MeasureStatus.Cancelled)
                .OrderBy(m => m.Type).ThenBy(m => m.CreatedAt)
                .Select(m => new { HouseholdId = m.HouseholdId!.Value, m.Type, m.Content, Member = db.Members.Where(x => x.Id == m.MemberId).Select(x => x.Name).FirstOrDefault(), m.Amount, m.ExpectedIncome, m.Status, m.EffectIncome, m.EffectNote })
                .ToListAsync(ct))
            .ToLookup(m => m.HouseholdId);
        var plans = (await Assistance.AssistanceFacts.BuildAsync(db, Assistance.AssistanceFacts.PoorIn(db, year).Where(h => selected.Select(s => s.Id).Contains(h.Id)), year, day, ct))
            .ToDictionary(f => f.HouseholdId, f => f.Plan.Arithmetic.Zh);
        var full = db.Actor.CanSeePersonalData;
        return ids.ToDictionary(id => id, id =>
        {
            var c = cadres.GetValueOrDefault(id);
            var phone = c?.PhoneCipher is { } cipher ? protector.Unprotect(cipher) : null;
            var cadre = c is null ? null : new CadreLine(c.Name, c.WorkUnit, c.Position, phone is null ? null : full ? phone : Masking.Phone(phone));
            var lines = measures[id].Select(m => new MeasureLine(Domain.Assistance.MeasureTypes.Codes[m.Type].Zh, m.Content, m.Member, m.Amount.Yuan, m.ExpectedIncome.Yuan,
                Domain.Assistance.MeasureTypes.Statuses[m.Status].Zh,
                string.Join("，", new[] { m.EffectIncome is { } e ? $"增收 {e} 元" : null, m.EffectNote }.Where(x => !string.IsNullOrWhiteSpace(x))) is { Length: > 0 } effect ? effect : null)).ToList();
            return new AssistanceLines(year, cadre, lines, plans.GetValueOrDefault(id));
        });
    }

    /// <summary>
    /// Which households a paper is for: one household (<paramref name="householdId"/>) or a whole village's
    /// registered households (not closed, not removed). Outside the actor's area: not found.
    /// </summary>
    public static async Task<(IQueryable<Household> Selected, Place? Village)> SelectAsync(TuopinDb db, Guid? householdId, Guid? villageId, CancellationToken ct)
    {
        if (householdId is null == villageId is null)
            throw new InvalidRequestException([new Domain.Common.Problem("household", "papers.target",
                new Domain.Common.LocalText("请指定一户（户）或一个村（村），二者选一", "Name one household or one village, not both"))]);
        if (householdId is { } hid)
        {
            if (!await db.Households.AnyAsync(h => h.Id == hid, ct)) throw RegistryMapping.HouseholdNotFound();
            return (db.Households.Where(h => h.Id == hid), null);
        }
        var place = await VillageAsync(db, villageId!.Value, ct);
        var vid = place.VillageId;
        return (db.Households.Where(h => h.VillageId == vid && h.ClosedOn == null && h.Status != HouseholdStatus.Removed), place);
    }
}

/// <summary>The format a paper is printed in: Word, or PDF converted by LibreOffice.</summary>
public enum PaperFormat { Docx, Pdf }
