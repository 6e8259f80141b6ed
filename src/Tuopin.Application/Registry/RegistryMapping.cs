using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Moves form fields onto entities and back, and checks them with the domain's rules.</summary>
internal static class RegistryMapping
{
    public static void Apply(Household h, HouseholdFields f, IPersonalDataProtector protector)
    {
        h.GroupId = f.GroupId;
        h.RegistrationYear = f.RegistrationYear;
        h.Standard = f.Standard;
        h.Attribute = f.Attribute;
        h.MainCause = f.MainCause;
        h.OtherCause1 = f.OtherCause1;
        h.OtherCause2 = f.OtherCause2;
        h.Housing = f.Housing;
        h.HousingArea = f.HousingArea;
        h.IsAdobeHouse = f.IsAdobeHouse;
        h.HasLivingPower = f.HasLivingPower;
        h.HasProductionPower = f.HasProductionPower;
        h.DrinkingWaterDifficult = f.DrinkingWaterDifficult;
        h.DrinkingWaterSafe = f.DrinkingWaterSafe;
        h.HasSanitaryToilet = f.HasSanitaryToilet;
        h.DistanceToMainRoadKm = f.DistanceToMainRoadKm;
        h.EntryRoad = f.EntryRoad;
        h.MainFuel = f.MainFuel;
        h.InCooperative = f.InCooperative;
        var phone = NormalisePhone(f.Phone);
        var current = h.PhoneCipher is null ? null : protector.Unprotect(h.PhoneCipher);
        if (phone != current) h.PhoneCipher = phone is null ? null : protector.Protect(phone);
    }

    public static HouseholdFields FieldsOf(Household h, string? phone) => new()
    {
        VillageId = h.VillageId,
        GroupId = h.GroupId,
        Number = h.Number,
        RegistrationYear = h.RegistrationYear,
        Standard = h.Standard,
        Attribute = h.Attribute,
        MainCause = h.MainCause,
        OtherCause1 = h.OtherCause1,
        OtherCause2 = h.OtherCause2,
        Housing = h.Housing,
        HousingArea = h.HousingArea,
        IsAdobeHouse = h.IsAdobeHouse,
        HasLivingPower = h.HasLivingPower,
        HasProductionPower = h.HasProductionPower,
        DrinkingWaterDifficult = h.DrinkingWaterDifficult,
        DrinkingWaterSafe = h.DrinkingWaterSafe,
        HasSanitaryToilet = h.HasSanitaryToilet,
        DistanceToMainRoadKm = h.DistanceToMainRoadKm,
        EntryRoad = h.EntryRoad,
        MainFuel = h.MainFuel,
        InCooperative = h.InCooperative,
        Phone = phone,
    };

    public static void Apply(Member m, MemberFields f)
    {
        m.Name = (f.Name ?? string.Empty).Trim();
        m.Sex = f.Sex;
        m.BirthDate = f.BirthDate;
        m.Relation = f.Relation;
        m.EthnicityCode = (f.EthnicityCode ?? string.Empty).Trim();
        m.Education = f.Education;
        m.Schooling = f.Schooling;
        m.Health = f.Health;
        m.DisabilityGrade = f.DisabilityGrade;
        m.Labour = f.Labour;
        m.MigrantWork = f.MigrantWork;
        m.MigrantMonths = f.MigrantMonths;
        m.MedicalInsurance = f.MedicalInsurance;
        m.PensionInsurance = f.PensionInsurance;
        m.Status = f.Status;
    }

    /// <summary>Checks one member's fields and resident ID; returns the parsed ID when it is valid.</summary>
    public static ResidentId? CheckMember(string prefix, Member scratch, MemberFields f, DateOnly today, List<Problem> problems)
    {
        Apply(scratch, f);
        problems.AddRange(RegistryRules.CheckMember(prefix, scratch));
        var identity = RegistryRules.CheckIdentity(prefix, f.ResidentId, f.Sex, f.BirthDate, today, out var id);
        problems.AddRange(identity);
        return identity.Any(p => p.Code == "resident_id.invalid") ? null : id;
    }

    public static HouseholdIncome ToIncome(IncomeFields f, int defaultSize, string prefix, List<Problem> problems)
    {
        var income = new HouseholdIncome { Year = f.Year, HouseholdSize = f.HouseholdSize ?? defaultSize };
        income.Wage = Amount(prefix, nameof(f.Wage), f.Wage, problems);
        income.Production = Amount(prefix, nameof(f.Production), f.Production, problems);
        income.Property = Amount(prefix, nameof(f.Property), f.Property, problems);
        income.FamilyPlanning = Amount(prefix, nameof(f.FamilyPlanning), f.FamilyPlanning, problems);
        income.Dibao = Amount(prefix, nameof(f.Dibao), f.Dibao, problems);
        income.Wubao = Amount(prefix, nameof(f.Wubao), f.Wubao, problems);
        income.Pension = Amount(prefix, nameof(f.Pension), f.Pension, problems);
        income.EcoCompensation = Amount(prefix, nameof(f.EcoCompensation), f.EcoCompensation, problems);
        income.OtherTransfer = Amount(prefix, nameof(f.OtherTransfer), f.OtherTransfer, problems);
        income.ProductionExpense = Amount(prefix, nameof(f.ProductionExpense), f.ProductionExpense, problems);
        problems.AddRange(RegistryRules.CheckIncome(prefix, income));
        return income;
    }

    private static Money Amount(string prefix, string field, decimal yuan, List<Problem> problems)
    {
        if (RegistryRules.CheckAmount(prefix + char.ToLowerInvariant(field[0]) + field[1..], RegistryRules.IncomeFieldNames[field], yuan) is not { } inexact)
            return Money.FromYuan(yuan);
        problems.Add(inexact);
        return Money.FromYuan(decimal.Round(yuan, 2));
    }

    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        return new string(phone.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
    }

    public static void CheckPhone(string? phone, List<Problem> problems)
    {
        var p = NormalisePhone(phone);
        if (p is null) return;
        if (p.Length is < 7 or > 20 || !p.All(c => char.IsAsciiDigit(c) || c == '+'))
            problems.Add(new Problem("phone", "household.phone", new LocalText("联系电话只能包含数字，长度7至20位", "A phone number has 7 to 20 digits")));
    }

    public static ShownId Show(Actor actor, IPersonalDataProtector protector, string cipher, Func<string, string> mask)
    {
        var plain = protector.Unprotect(cipher);
        return actor.CanSeePersonalData ? new ShownId(plain, false) : new ShownId(mask(plain), true);
    }

    /// <summary>The village, if it exists and lies inside the actor's area.</summary>
    public static async Task<Village> VillageInScopeAsync(TuopinDb db, Guid villageId, string field, CancellationToken ct)
    {
        var village = await db.Villages.AsNoTracking().FirstOrDefaultAsync(v => v.Id == villageId, ct);
        if (village is null || !db.Actor.Scope.Covers(village.CountyId, village.TownshipId, village.Id))
            throw new InvalidRequestException([new Problem(field, "place.unknown_village",
                new LocalText("所选的村不存在或不在您的管辖范围内", "The village does not exist or is outside your area"))]);
        return village;
    }

    public static void RequireWriter(Actor actor)
    {
        if (!actor.CanWriteRegistry)
            throw new ForbiddenException(new LocalText("当前角色只能查看，不能修改建档立卡数据", "This role may read the registry but not change it"));
    }

    /// <summary>Loads a household of the actor's area for a change, or says it is not there.</summary>
    public static async Task<Household> HouseholdForChangeAsync(TuopinDb db, Guid id, int version, CancellationToken ct, bool withMembers = false, bool withIncomes = false)
    {
        IQueryable<Household> query = db.Households;
        if (withMembers) query = query.Include(h => h.Members);
        if (withIncomes) query = query.Include(h => h.Incomes);
        var household = await query.FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw HouseholdNotFound();
        await CheckVersionAsync(db, household, version, ct);
        return household;
    }

    public static NotFoundException HouseholdNotFound() =>
        new(new LocalText("没有找到该户，或该户不在您的管辖范围内", "No such household in your area"));

    /// <summary>Refuses a save made from a stale copy, naming who changed the household and when.</summary>
    public static async Task CheckVersionAsync(TuopinDb db, Household household, int version, CancellationToken ct)
    {
        if (household.Version != version)
            throw await ConflictAsync(db, household.Id, ct);
        // The database checks the same version again at the moment of the write.
        db.Entry(household).Property(h => h.Version).OriginalValue = version;
        household.Version = version + 1;
    }

    public static async Task<ConflictException> ConflictAsync(TuopinDb db, Guid householdId, CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.HouseholdId == householdId && a.Action <= Audit.AuditAction.Bulk)
            .OrderByDescending(a => a.At)
            .Select(a => new { a.UserName, a.At })
            .FirstOrDefaultAsync(ct);
        var who = last is null ? new LocalText("其他用户", "another user") : new LocalText($"{last.UserName}（{last.At.ToLocalTime():yyyy-MM-dd HH:mm:ss}）", $"{last.UserName} at {last.At.ToLocalTime():yyyy-MM-dd HH:mm:ss}");
        return new ConflictException(new LocalText(
            $"保存未成功：该户已被{who.Zh}修改。为避免覆盖他人的修改，请刷新后重新填写。",
            $"Not saved: the household was changed by {who.En} after you opened it. Reload it and make your change again, so that nobody's work is overwritten."));
    }

    /// <summary>Saves, turning a lost race on the version into the same clear refusal.</summary>
    public static async Task SaveAsync(TuopinDb db, Guid householdId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.InnerException is DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw await ConflictAsync(db, householdId, ct);
        }
        catch (ConflictException e) when (SaveConflicts.IsUniqueViolation(e.InnerException) && MentionsResidentId(e.InnerException!))
        {
            throw new InvalidRequestException([new Problem("members", "member.duplicate_resident_id",
                new LocalText("身份证号码已登记在其他户中，同一人不能登记两次", "This resident ID is already registered in another household; a person is registered once"))]);
        }
    }

    private static bool MentionsResidentId(Exception e) =>
        (e.InnerException?.Message ?? e.Message).Contains("resident_id_index", StringComparison.Ordinal)
        || e.InnerException is Npgsql.PostgresException { ConstraintName: { } c } && c.Contains("resident_id_index", StringComparison.Ordinal);
}
