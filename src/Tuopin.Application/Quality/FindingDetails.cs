using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Quality;

/// <summary>
/// What a rule found wrong in one finding, in words: the offending value beside the household or member
/// (e.g. "家庭人口 5，在户成员 4", "12 岁，非在校生"). Loaded for one page of findings at a time (a few
/// set-based queries over those households and members only). Nothing of a resident ID or a birth date is
/// shown: the ID rule names the kind of fault, ages are whole years.
/// </summary>
public static class FindingDetails
{
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static async Task<Dictionary<Guid, LocalText>> LoadAsync(TuopinDb db, IPersonalDataProtector protector, QualityRule rule,
        IReadOnlyCollection<FindingRow> rows, DateOnly day, CancellationToken ct)
    {
        var details = new Dictionary<Guid, LocalText>();
        if (rows.Count == 0) return details;
        var householdIds = rows.Select(r => r.HouseholdId).Distinct().ToList();
        var memberIds = rows.Where(r => r.MemberId is not null).Select(r => r.MemberId!.Value).Distinct().ToList();

        if (rule.MemberRule)
        {
            var members = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
                .Select(m => new MemberFacts(m.Id, m.BirthDate, m.Sex, m.Relation, m.Schooling, m.MedicalInsurance, m.Health, m.DisabilityGrade, m.LeftOn,
                    rule.Code == QualityRules.ResidentIdCode ? m.ResidentIdCipher : null))
                .ToListAsync(ct);
            foreach (var m in members)
            {
                var text = Member(rule.Code, m, day, protector);
                if (text is { } t) details[m.Id] = t;
            }
            return details;
        }

        var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new
            {
                h.Id, h.Size, h.Housing, h.ExitYear, h.RegistrationYear,
                Present = h.Members.Count(m => m.Status == MemberStatus.Present),
                Heads = h.Members.Count(m => m.Status == MemberStatus.Present && m.Relation == Relation.Head),
            })
            .ToListAsync(ct);
        var incomes = rule.Code is "exited_below_line" or "income_expense_exceeds" or "income_size_mismatch"
            ? (await db.Incomes.AsNoTracking().Where(i => householdIds.Contains(i.HouseholdId)).ToListAsync(ct)).ToLookup(i => i.HouseholdId)
            : Enumerable.Empty<HouseholdIncome>().ToLookup(i => i.HouseholdId);
        var lines = rule.Code == "exited_below_line"
            ? await db.PovertyLines.AsNoTracking().ToDictionaryAsync(l => l.Year, l => l.Amount, ct)
            : [];
        foreach (var h in households)
        {
            var years = incomes[h.Id].OrderByDescending(i => i.Year).ToList();
            LocalText? text = rule.Code switch
            {
                "head_missing" => new(Inv($"在户成员 {h.Present} 人，无户主"), Inv($"{h.Present} present, no head")),
                "head_several" => new(Inv($"户主 {h.Heads} 人"), Inv($"{h.Heads} heads")),
                "unsafe_housing" => new(Codes.Housings.Name(h.Housing).Zh, Codes.Housings.Name(h.Housing).En),
                "exited_without_income" => new(Inv($"脱贫年度 {h.ExitYear}，无该年收入记录"), Inv($"Exit year {h.ExitYear}, no income recorded for it")),
                "exit_before_registration" => new(Inv($"识别年度 {h.RegistrationYear}，脱贫年度 {h.ExitYear}"), Inv($"Registered {h.RegistrationYear}, exited {h.ExitYear}")),
                "deceased_counted" => new(Inv($"家庭人口 {h.Size}，在户成员 {h.Present}"), Inv($"Household size {h.Size}, {h.Present} present")),
                "income_size_mismatch" when years.FirstOrDefault() is { } latest =>
                    new(Inv($"{latest.Year} 年收入按 {latest.HouseholdSize} 人计算，在户 {h.Size} 人"), Inv($"{latest.Year} income divided among {latest.HouseholdSize}, {h.Size} present")),
                "income_expense_exceeds" when years.FirstOrDefault(i => i.Net.Fen < 0) is { } bad =>
                    new(Inv($"{bad.Year} 年家庭纯收入 {bad.Net} 元（支出 {bad.ProductionExpense} 元）"), Inv($"{bad.Year} net income {bad.Net} yuan (expenses {bad.ProductionExpense})")),
                "exited_below_line" when years.FirstOrDefault(i => i.Year == h.ExitYear) is { } exit && lines.TryGetValue(exit.Year, out var line) =>
                    new(Inv($"{exit.Year} 年人均纯收入 {exit.PerCapitaNet:#,##0.00} 元，标准 {line} 元"), Inv($"{exit.Year} per-capita net {exit.PerCapitaNet:#,##0.00} yuan, line {line}")),
                _ => null,
            };
            if (text is { } t) details[h.Id] = t;
        }
        return details;
    }

    private sealed record MemberFacts(Guid Id, DateOnly BirthDate, Sex Sex, Relation Relation, Schooling Schooling, bool MedicalInsurance,
        Health Health, int? DisabilityGrade, DateOnly? LeftOn, string? ResidentIdCipher);

    private static LocalText? Member(string code, MemberFacts m, DateOnly day, IPersonalDataProtector protector)
    {
        var age = Ages.On(m.BirthDate, day);
        return code switch
        {
            QualityRules.ResidentIdCode => IdFault(m, day, protector),
            "school_age_not_in_school" => new(Inv($"{age} 岁，{Codes.Schoolings.Name(m.Schooling).Zh}"), Inv($"Aged {age}, {Codes.Schoolings.Name(m.Schooling).En}")),
            "no_medical_insurance" => new("未参加基本医疗保险", "Not insured"),
            "deceased_present" => new(Inv($"离开日期 {m.LeftOn:yyyy-MM-dd}，状态仍为在户"), Inv($"Left on {m.LeftOn:yyyy-MM-dd}, still present")),
            "head_under_16" or "age_over_110" => new(Inv($"{age} 岁"), Inv($"Aged {age}")),
            "disability_without_grade" => new("残疾，未填等级", "Disabled, no grade"),
            "member_duplicate" => new("姓名、性别、出生日期与另一户的在册成员相同", "Same name, sex and birth date as a member of another household"),
            _ => null,
        };
    }

    /// <summary>The kind of fault only: the messages of the ID check quote the number's birth date, which a masked ID must not give away.</summary>
    private static LocalText IdFault(MemberFacts m, DateOnly day, IPersonalDataProtector protector)
    {
        var problems = RegistryRules.CheckIdentity(string.Empty, protector.Unprotect(m.ResidentIdCipher!), m.Sex, m.BirthDate, day, out _);
        var kinds = problems.Select(p => p.Code switch
        {
            "resident_id.future_birth" => new LocalText("号码中的出生日期晚于今天", "birth date in the number is in the future"),
            "member.sex_mismatch" => new LocalText("性别与号码不符", "sex differs from the number"),
            "member.birth_mismatch" => new LocalText("出生日期与号码不符", "birth date differs from the number"),
            _ => new LocalText("号码无效（位数、格式或校验码）", "not a valid number (length, format or check digit)"),
        }).ToList();
        return new(string.Join("；", kinds.Select(k => k.Zh)), string.Join("; ", kinds.Select(k => k.En)));
    }
}
