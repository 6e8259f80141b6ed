using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>
/// Who does what in micro-credit: village, township and county officers record their area's loans and repayments (the
/// area rule is the registry's, checked again at save time); inspectors and line departments read; the guarantee fund
/// (风险补偿金) is the county's: its figures are read by county-level users (and inspectors), its deposits and payouts and
/// the limits are the county administrator's.
/// </summary>
public static class CreditAccess
{
    public static bool CanWrite(Actor actor) => actor.CanWriteRegistry;

    /// <summary>The fund's figures are the county's: a county-level account (the administrator, a department, an inspector) reads them.</summary>
    public static bool CanSeeFund(Actor actor) => actor.Scope.Level is AreaLevel.Everything or AreaLevel.County;

    public static bool CanManageFund(Actor actor) => actor.Role == Role.CountyAdmin && CanSeeFund(actor);

    public static void RequireWriter(Actor actor)
    {
        if (!CanWrite(actor))
            throw new ForbiddenException(new LocalText("当前角色不能录入小额信贷数据", "This role may not record micro-credit"));
    }

    public static void RequireFundReader(Actor actor)
    {
        if (!CanSeeFund(actor))
            throw new ForbiddenException(new LocalText("风险补偿金是县级数据，只有县级用户可以查看", "The guarantee fund is the county's: only county-level users see it"));
    }

    public static void RequireFundManager(Actor actor)
    {
        if (!CanManageFund(actor))
            throw new ForbiddenException(new LocalText("只有县级管理员可以管理风险补偿金和贷款限额", "Only a county administrator manages the guarantee fund and the loan limits"));
    }

    public static NotFoundException LoanNotFound() => new(new LocalText("找不到该笔贷款", "No such loan"));

    /// <summary>The county's limits: its settings, or the plan's 50,000 yuan and 36 months where it set none.</summary>
    public static async Task<CreditLimits> LimitsAsync(TuopinDb db, CancellationToken ct)
    {
        var amount = await StoredSettings.GetAsync(db, CreditLimits.MaxAmountKey, ct);
        var term = await StoredSettings.GetAsync(db, CreditLimits.MaxTermKey, ct);
        return new CreditLimits(
            decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan) && yuan > 0 ? Money.FromYuan(decimal.Round(yuan, 2)) : CreditLimits.Default.MaxAmount,
            int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months > 0 ? months : CreditLimits.Default.MaxTermMonths);
    }

    /// <summary>The county a county-level actor works for (the operator's: the one county of the deployment).</summary>
    public static async Task<Guid> CountyIdAsync(TuopinDb db, Actor actor, CancellationToken ct) =>
        actor.Scope.Level == AreaLevel.Everything
            ? await db.Counties.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Id).FirstOrDefaultAsync(ct)
            : actor.Scope.CountyId;

    /// <summary>The day "as of" which overdue days count when none is given: today, but no later than the end of the working year.</summary>
    public static async Task<DateOnly> AsOfAsync(TuopinDb db, TimeProvider clock, DateOnly? asOf, CancellationToken ct)
    {
        if (asOf is { } given) return given;
        var today = clock.Today();
        var year = await WorkYear.GetAsync(db, clock, ct);
        var end = new DateOnly(year, 12, 31);
        return today < end ? today : end;
    }

    /// <summary>The plan's industries a loan's purpose may name (<c>tea</c>, <c>pigs</c> …), with their names.</summary>
    public static IReadOnlyDictionary<string, string> Industries => LazyIndustries.Value;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyIndustries = new(() =>
        Plan.PlanDocument.Parse(Plan.PlanDocument.BuiltInText()).Industries.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal));

    /// <summary>The industry a cell or field names: its id (<c>tea</c>) or its name (藤茶), or null.</summary>
    public static string? IndustryOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (Industries.ContainsKey(t)) return t;
        return Industries.FirstOrDefault(i => i.Value == t || i.Value.StartsWith(t, StringComparison.Ordinal)).Key;
    }
}
