using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Quality;

/// <summary>One finding: the household (and member, for member rules) a rule flags.</summary>
public sealed class FindingRow
{
    public Guid HouseholdId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The member for a member rule, else the household.</summary>
    public Guid SubjectId { get; set; }

    public Guid? MemberId { get; set; }
}

/// <summary>
/// A named data-quality rule (逻辑校验规则) with its explanation. Each is one set-based query over the
/// registry in the user's area, run as of a day (ages are counted on it). The resident ID rule is the
/// exception: IDs are encrypted at rest, so it streams (member id, cipher, sex, birth date) and checks
/// each number in memory; nothing else of the registry is loaded.
/// </summary>
public sealed record QualityRule(string Code, LocalText Name, LocalText Explanation, bool MemberRule,
    Func<TuopinDb, DateOnly, IQueryable<FindingRow>>? Query)
{
    public bool InMemory => Query is null;
}

public static class QualityRules
{
    public const string ResidentIdCode = "resident_id";

    // Households that count: not merged away, not removed as wrongly registered.
    private static IQueryable<Household> Live(TuopinDb db) =>
        db.Households.AsNoTracking().Where(h => h.ClosedOn == null).Where(HouseholdStanding.Registered());

    private static IQueryable<Member> Present(TuopinDb db) =>
        db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Present && m.Household!.ClosedOn == null && m.Household.Status != HouseholdStatus.Removed);

    private static IQueryable<FindingRow> Households(IQueryable<Household> q) =>
        q.Select(h => new FindingRow { HouseholdId = h.Id, TownshipId = h.TownshipId, VillageId = h.VillageId, SubjectId = h.Id, MemberId = null });

    private static IQueryable<FindingRow> Members(IQueryable<Member> q) =>
        q.Select(m => new FindingRow { HouseholdId = m.HouseholdId, TownshipId = m.TownshipId, VillageId = m.VillageId, SubjectId = m.Id, MemberId = m.Id });

    public static readonly IReadOnlyList<QualityRule> All =
    [
        new(ResidentIdCode,
            new("身份证号码有误", "Resident ID wrong"),
            new("身份证号码须为有效的18位号码（校验码正确），且与登记的性别、出生日期一致。", "The resident ID must be a valid 18-digit number (check digit right) that agrees with the stated sex and birth date."),
            true, null),
        new("head_missing",
            new("无户主", "No head"),
            new("每户须有且只有一名在户的户主；本户没有（户主去世或迁出后未指定新户主）。", "A household has exactly one present head; this one has none (the head died or left and no new head was named)."),
            false, (db, _) => Households(Live(db).Where(h => !h.Members.Any(m => m.Status == MemberStatus.Present && m.Relation == Relation.Head)))),
        new("head_several",
            new("多个户主", "Several heads"),
            new("每户须有且只有一名户主；本户有两名或以上。", "A household has exactly one head; this one has two or more."),
            false, (db, _) => Households(Live(db).Where(h => h.Members.Count(m => m.Status == MemberStatus.Present && m.Relation == Relation.Head) > 1))),
        new("member_duplicate",
            new("疑似重复登记", "Possibly counted twice"),
            new("姓名、性别、出生日期都相同的人在两个户中在册，可能是同一人用不同号码重复登记（同一身份证号码在数据库中只能登记一次）。", "A person with the same name, sex and birth date is present in two households: possibly one person registered twice under different numbers (one resident ID can only be registered once)."),
            true, (db, _) => Members(Present(db).Where(m => db.Database.SqlQueryRaw<Guid>(DuplicateSql).Contains(m.Id)))),
        new("school_age_not_in_school",
            new("义务教育阶段适龄儿童未在校", "School-age child not in school"),
            new("6至15周岁的儿童应在校接受义务教育（控辍保学）；登记为“非在校生”的请核实（残疾儿童送教上门的请说明）。", "Children aged 6 to 15 should be in compulsory schooling; one recorded as not in school needs checking (explain home schooling of a disabled child)."),
            true, (db, day) =>
            {
                var born6 = day.AddYears(-6);
                var born16 = day.AddYears(-16);
                return Members(Present(db).Where(m => m.BirthDate <= born6 && m.BirthDate > born16 && m.Schooling == Schooling.NotInSchool));
            }),
        new("no_medical_insurance",
            new("未参加基本医疗保险", "No basic medical insurance"),
            new("贫困人口应全部参加城乡居民基本医疗保险（基本医疗有保障）。", "Every registered person should be in basic medical insurance (basic medical care assured)."),
            true, (db, _) => Members(Present(db).Where(m => !m.MedicalInsurance))),
        new("unsafe_housing",
            new("住房不安全", "Unsafe housing"),
            new("住房为C级、D级危房或无房，住房安全未保障，应纳入危房改造或易地扶贫搬迁。", "The house is dangerous (grade C or D) or there is none: housing safety is not assured; it needs renovation or relocation."),
            false, (db, _) => Households(Live(db).Where(h => h.Housing != HousingSafety.Safe))),
        new("exited_below_line",
            new("已脱贫但收入低于当年标准", "Exited below the poverty line"),
            new("标为已脱贫的户，脱贫年度的人均纯收入低于当年国家扶贫标准。", "The household is marked exited, but its per-capita net income in the exit year is below that year's national poverty line."),
            false, (db, _) => Households(Live(db).Where(h => h.Status == HouseholdStatus.Exited && db.Database.SqlQueryRaw<Guid>(ExitedBelowLineSql).Contains(h.Id)))),
        new("exited_without_income",
            new("已脱贫但无当年收入", "Exited without the year's income"),
            new("标为已脱贫的户，没有脱贫年度的收入记录，无法核实是否达到脱贫标准。", "The household is marked exited but has no income recorded for its exit year, so the exit cannot be verified."),
            false, (db, _) => Households(Live(db).Where(h => h.Status == HouseholdStatus.Exited && !db.Incomes.Any(i => i.HouseholdId == h.Id && i.Year == h.ExitYear)))),
        new("income_expense_exceeds",
            new("收入构成不合理", "Income parts do not add up"),
            new("生产经营性支出大于全部收入，家庭纯收入为负，收入各项可能漏填或填错。", "Production expenses exceed the whole income, so the net income is negative: income parts are probably missing or wrong."),
            false, (db, _) => Households(Live(db).Where(h => db.Database.SqlQueryRaw<Guid>(ExpenseExceedsSql).Contains(h.Id)))),
        new("income_size_mismatch",
            new("收入计算人口与家庭人口不符", "Income counted for a different size"),
            new("最近一年收入的计算人口多于现在的在户人口：去世或迁出的成员可能仍计入人均收入。", "The latest year's income is divided among more people than are present: members who died or left may still be counted."),
            false, (db, _) => Households(Live(db).Where(h => db.Incomes.Where(i => i.HouseholdId == h.Id).OrderByDescending(i => i.Year).Select(i => i.HouseholdSize).FirstOrDefault() > h.Size))),
        new("deceased_counted",
            new("家庭人口与在户成员不符", "Household size differs from present members"),
            new("家庭人口与“在户”成员数不一致，例如已死亡、迁出的成员仍计入家庭人口。", "The household size differs from the number of present members, e.g. deceased or departed members still counted."),
            false, (db, _) => Households(Live(db).Where(h => h.Size != h.Members.Count(m => m.Status == MemberStatus.Present)))),
        new("deceased_present",
            new("死亡成员仍为在户", "Deceased member still present"),
            new("成员已登记离开日期（死亡、迁出），状态仍为“在户”。", "The member has a date of leaving (death, moving out) but is still recorded as present."),
            true, (db, _) => Members(Present(db).Where(m => m.LeftOn != null))),
        new("head_under_16",
            new("户主未满16周岁", "Head under 16"),
            new("户主一般应为成年人；未满16周岁的户主请核实（孤儿户请说明）。", "A head is normally an adult; a head under 16 needs checking (explain an orphan household)."),
            true, (db, day) =>
            {
                var born16 = day.AddYears(-16);
                return Members(Present(db).Where(m => m.Relation == Relation.Head && m.BirthDate > born16));
            }),
        new("age_over_110",
            new("年龄超过110岁", "Older than 110"),
            new("在户成员年龄超过110周岁，可能已去世未注销或出生日期有误。", "A present member is older than 110: probably deceased and not recorded, or the birth date is wrong."),
            true, (db, day) =>
            {
                var born110 = day.AddYears(-110);
                return Members(Present(db).Where(m => m.BirthDate < born110));
            }),
        new("exit_before_registration",
            new("脱贫年度早于识别年度", "Exit before registration"),
            new("脱贫年度早于建档立卡识别年度。", "The exit year is before the registration year."),
            false, (db, _) => Households(Live(db).Where(h => h.ExitYear != null && h.ExitYear < h.RegistrationYear))),
        new("disability_without_grade",
            new("残疾未填等级", "Disability without grade"),
            new("健康状况为残疾的成员应填写残疾等级（1至4级）。", "A member recorded as disabled needs a disability grade (1 to 4)."),
            true, (db, _) => Members(Present(db).Where(m => m.Health == Health.Disabled && m.DisabilityGrade == null))),
    ];

    // Sums over the fen columns of incomes (money is whole fen in the database); composed into the
    // household queries above, so the area filter on households applies. Plain SQL both databases run.
    private const string NetFen = "(i.wage + i.production + i.property + i.family_planning + i.dibao + i.wubao + i.pension + i.eco_compensation + i.other_transfer - i.production_expense)";

    private const string ExitedBelowLineSql =
        "SELECT i.household_id AS \"Value\" FROM household_incomes i JOIN households h ON h.id = i.household_id JOIN poverty_lines l ON l.year = i.year " +
        "WHERE i.year = h.exit_year AND " + NetFen + " < l.amount * i.household_size";

    private const string ExpenseExceedsSql =
        "SELECT i.household_id AS \"Value\" FROM household_incomes i WHERE " + NetFen + " < 0";

    // The other record may lie outside the user's area: the rule looks county-wide (as the check that an ID is
    // free does) and shows only the user's own member, not where the other one is.
    private const string DuplicateSql =
        "SELECT m.id AS \"Value\" FROM members m JOIN households h ON h.id = m.household_id " +
        "WHERE m.status = 1 AND h.closed_on IS NULL AND h.status <> 4 AND EXISTS (" +
        "SELECT 1 FROM members o JOIN households oh ON oh.id = o.household_id WHERE o.status = 1 AND oh.closed_on IS NULL AND oh.status <> 4 " +
        "AND o.name = m.name AND o.birth_date = m.birth_date AND o.sex = m.sex AND o.household_id <> m.household_id)";

    public static QualityRule? Find(string code) => All.FirstOrDefault(r => r.Code == code);

    /// <summary>The resident ID rule: streams the members' (id, cipher, sex, birth date) and checks each number.</summary>
    public static async Task<List<FindingRow>> ResidentIdFindingsAsync(TuopinDb db, IPersonalDataProtector protector, DateOnly day, CancellationToken ct)
    {
        var found = new List<FindingRow>();
        await foreach (var m in db.Members.AsNoTracking()
                           .Where(m => m.Status == MemberStatus.Present && m.Household!.ClosedOn == null && m.Household.Status != HouseholdStatus.Removed)
                           .Select(m => new { m.Id, m.HouseholdId, m.TownshipId, m.VillageId, m.ResidentIdCipher, m.Sex, m.BirthDate })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            var plain = protector.Unprotect(m.ResidentIdCipher);
            if (RegistryRules.CheckIdentity(string.Empty, plain, m.Sex, m.BirthDate, day, out _).Count > 0)
                found.Add(new FindingRow { HouseholdId = m.HouseholdId, TownshipId = m.TownshipId, VillageId = m.VillageId, SubjectId = m.Id, MemberId = m.Id });
        }
        return found;
    }
}
