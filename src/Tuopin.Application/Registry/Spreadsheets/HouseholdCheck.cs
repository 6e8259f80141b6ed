using System.Globalization;

using Tuopin.Application.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>What every household check of one import shares, fixed when the import starts.</summary>
internal sealed record HouseholdCheckContext(Actor Actor, DateOnly Today, AdjustmentWindow Window, bool Update);

/// <summary>
/// The household columns of the file's header, in the order of a draft's slots: a household's value, text
/// and row for a template key.
/// </summary>
internal sealed class ImportColumns(IReadOnlyList<TemplateColumn> household)
{
    private readonly Dictionary<string, int> _slotOf = household.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);

    /// <summary>The household (and income) columns, a draft's slots.</summary>
    public IReadOnlyList<TemplateColumn> Household => household;

    public int Slot(string key, int missing) => _slotOf.GetValueOrDefault(key, missing);

    public object? Value(HouseholdDraft h, string key)
    {
        var slot = Slot(key, -1);
        return slot < 0 ? null : h.Values[slot];
    }

    public int RowOf(HouseholdDraft h, string key, int fallback)
    {
        var slot = Slot(key, -1);
        return slot < 0 || h.RowOf[slot] == 0 ? fallback : h.RowOf[slot];
    }

    public string RawOf(HouseholdDraft h, string key)
    {
        var slot = Slot(key, -1);
        return slot < 0 ? string.Empty : h.Raw[slot] ?? string.Empty;
    }
}

/// <summary>
/// The import's check of one household, once all its rows are read: the form's checks
/// (<see cref="RegistryChecks"/>, <see cref="RegistryRules"/>: fields, phone, registration date and window,
/// one head, resident IDs taken, incomes) and the import's own (place and group, registered households,
/// the county's say over the poverty status). It builds the household's record on the draft.
/// </summary>
internal sealed class HouseholdCheck(ImportColumns columns, ImportPlaces places, HouseholdCheckContext context)
{
    private int RowOf(HouseholdDraft h, string key, int fallback) => columns.RowOf(h, key, fallback);

    private string RawOf(HouseholdDraft h, string key) => columns.RawOf(h, key);

    /// <summary>The date of a new household's registration event: the one stated, else 31 December of its registration year, or today for this year's.</summary>
    public static DateOnly RegisteredOn(HouseholdDraft h, Household e, DateOnly today) => h.RegisteredOn ?? (e.RegistrationYear >= today.Year ? today : new DateOnly(e.RegistrationYear, 12, 31));

    /// <summary>
    /// Checks one household whose rows have all been read, and builds its record, incomes and phone on the
    /// draft. <paramref name="taken"/>: the file's resident IDs that the registry holds already;
    /// <paramref name="mainCauseReported"/>: its main cause was refused while reading (not reported twice).
    /// Returns the reasons, in the order found, each with its row.
    /// </summary>
    public List<(int Row, ImportFault Fault)> Check(HouseholdDraft h, ExistingHousehold? existing, IReadOnlyDictionary<string, TakenId> taken, bool mainCauseReported)
    {
        var faults = new List<(int Row, ImportFault Fault)>();
        void Error(int row, string key, string value, string code, LocalText message) => faults.Add((row, new ImportFault(key, value, code, message)));
        var heads = h.People.Where(m => m.Relation == Relation.Head && m.Status == MemberStatus.Present).ToList();
        var headRow = heads.Count > 0 ? heads[0].Row : h.FirstRow;
        var village = places.Village(columns.RawOf(h, "village"), columns.RawOf(h, "township"), context.Actor.Scope, out var placeFault);
        if (placeFault is not null) faults.Add((columns.RowOf(h, placeFault.Key, headRow), placeFault));

        var household = new Household { Id = existing?.Id ?? Guid.CreateVersion7(), Number = h.Number };
        if (village is not null)
        {
            household.CountyId = village.CountyId;
            household.TownshipId = village.TownshipId;
            household.VillageId = village.Id;
            var groupText = columns.RawOf(h, "group");
            if (groupText.Length > 0)
            {
                var group = places.Group(village, groupText, out var groupFault);
                if (groupFault is not null) faults.Add((columns.RowOf(h, groupFault.Key, headRow), groupFault));
                household.GroupId = group?.Id;
            }
        }
        var year = (int?)columns.Value(h, "registrationYear");
        if (year is null)
            Error(headRow, "registrationYear", string.Empty, "household.registration_year_required", new LocalText("户主行须填写识别年度", "The head's row needs the registration year"));
        household.RegistrationYear = year ?? context.Today.Year;
        household.Standard = (IdentificationStandard?)columns.Value(h, "standard") ?? IdentificationStandard.National;
        household.Attribute = (HouseholdAttribute?)columns.Value(h, "attribute") ?? HouseholdAttribute.General;
        var cause = (PovertyCause?)columns.Value(h, "mainCause");
        if (cause is null && !mainCauseReported)
            Error(headRow, "mainCause", string.Empty, "household.main_cause_required", new LocalText("户主行须填写主要致贫原因", "The head's row needs the main cause of poverty"));
        household.MainCause = cause ?? PovertyCause.Other;
        household.OtherCause1 = (PovertyCause?)columns.Value(h, "otherCause1");
        household.OtherCause2 = (PovertyCause?)columns.Value(h, "otherCause2");
        household.Housing = (HousingSafety?)columns.Value(h, "housing") ?? HousingSafety.Safe;
        household.HousingArea = (decimal?)columns.Value(h, "housingArea");
        household.IsAdobeHouse = (bool?)columns.Value(h, "isAdobeHouse") ?? false;
        household.HasLivingPower = (bool?)columns.Value(h, "hasLivingPower") ?? true;
        household.HasProductionPower = (bool?)columns.Value(h, "hasProductionPower") ?? false;
        household.DrinkingWaterDifficult = (bool?)columns.Value(h, "drinkingWaterDifficult") ?? false;
        household.DrinkingWaterSafe = (bool?)columns.Value(h, "drinkingWaterSafe") ?? true;
        household.HasSanitaryToilet = (bool?)columns.Value(h, "hasSanitaryToilet") ?? false;
        household.DistanceToMainRoadKm = (decimal?)columns.Value(h, "distanceToMainRoadKm");
        household.EntryRoad = (EntryRoad?)columns.Value(h, "entryRoad");
        household.MainFuel = (Fuel?)columns.Value(h, "mainFuel");
        household.InCooperative = (bool?)columns.Value(h, "inCooperative") ?? false;
        household.Status = (HouseholdStatus?)columns.Value(h, "status") ?? HouseholdStatus.NotExited;
        household.ExitYear = (int?)columns.Value(h, "exitYear");
        // The form's checks (RegistryChecks), each reason on the row and column it is about.
        var phone = RegistryMapping.NormalisePhone(columns.RawOf(h, "phone"));
        var fieldProblems = RegistryChecks.CheckFields(household, phone);
        foreach (var p in fieldProblems) Error(columns.RowOf(h, p.Field, headRow), p.Field, columns.RawOf(h, p.Field), p.Code, p.Message);
        h.Phone = fieldProblems.Any(p => p.Field == "phone") ? null : phone;
        h.RegisteredOn = (DateOnly?)columns.Value(h, "registeredOn");
        h.ExitedOn = (DateOnly?)columns.Value(h, "exitedOn");
        if (existing is null)
        {
            foreach (var p in RegistryChecks.CheckRegistration(household, RegisteredOn(h, household, context.Today), h.RegisteredOn is not null, context.Today, context.Window))
                Error(columns.RowOf(h, "registeredOn", headRow), "registeredOn", columns.RawOf(h, "registeredOn"), p.Code, p.Message);
        }
        else if (h.RegisteredOn is { } stated && RegistryRules.CheckRegistrationDate(stated, true, household.RegistrationYear, context.Today) is { } p)
        {
            Error(columns.RowOf(h, "registeredOn", headRow), "registeredOn", columns.RawOf(h, "registeredOn"), p.Code, p.Message);
        }

        // Exactly one head, named on its row.
        if (RegistryRules.CheckHead(heads.Count) is { } headProblem)
        {
            foreach (var row in heads.Count == 0 ? [h.FirstRow] : heads.Skip(1).Select(m => m.Row))
                Error(row, "relation", heads.Count == 0 ? string.Empty : "户主", headProblem.Code,
                    new LocalText(Inv($"户编号 {h.Number}：{headProblem.Message.Zh}"), Inv($"Household {h.Number}: {headProblem.Message.En}")));
        }

        // Already registered: refused unless the user chose update mode; moving a household is not an import's business.
        if (existing is not null)
        {
            if (!context.Update)
                Error(h.FirstRow, "number", h.Number, "household.exists",
                    new LocalText(Inv($"户编号 {h.Number} 的户已在系统中。如要用本文件更新已有户，请选择“更新模式”"), Inv($"Household {h.Number} is already registered. Choose update mode to update registered households from this file")));
            else if (!context.Actor.Scope.Covers(existing.CountyId, existing.TownshipId, existing.VillageId))
                Error(h.FirstRow, "number", h.Number, "household.number_taken",
                    new LocalText(Inv($"户编号 {h.Number} 已被您管辖范围以外的户使用"), Inv($"Household number {h.Number} is used by a household outside your area")));
            else if (village is not null && existing.VillageId != village.Id)
                Error(columns.RowOf(h, "village", headRow), "village", columns.RawOf(h, "village"), "household.village_changed",
                    new LocalText(Inv($"户编号 {h.Number} 已登记在其他村，导入不能改变户所在的村"), Inv($"Household {h.Number} is registered in another village; an import does not move households")));
        }

        CheckStatusChange(h, household, existing, headRow, Error);

        foreach (var m in h.People)
        {
            if (m.Index.Length > 0 && taken.TryGetValue(m.Index, out var holder) && holder.EarlierInFile is { } earlier)
            {
                // Written from an earlier batch of this file: the same person twice in the file.
                Error(m.Row, "residentId", holder.ResidentId, "member.duplicate_in_file",
                    new LocalText(Inv($"证件号码与本文件前面户编号 {earlier} 的一名成员重复：同一人在文件中只能出现一次"),
                        Inv($"The resident ID repeats a member of household {earlier} earlier in the file: a person appears once in the file")));
            }
            else if (m.Index.Length > 0 && taken.TryGetValue(m.Index, out holder) && holder.Household != existing?.Id)
            {
                var refused = RegistryChecks.IdTaken("residentId");
                Error(m.Row, "residentId", holder.ResidentId, refused.Code, refused.Message);
            }
        }

        // Incomes by year: parts must be numbers ≥ 0 with at most two decimals.
        var presentCount = h.People.Count(m => m.Status == MemberStatus.Present);
        var present = Math.Max(1, presentCount);
        // Grouped once per file: every household is checked with them.
        _incomeYears ??= [.. columns.Household.Select((c, i) => (c, i)).Where(x => x.c.Scope == ColumnScope.Income).GroupBy(x => x.c.Year)];
        foreach (var yearGroup in _incomeYears)
        {
            if (yearGroup.All(x => h.Raw[x.i] is null)) continue;
            var income = new HouseholdIncome { Id = Guid.CreateVersion7(), HouseholdId = household.Id, Year = yearGroup.Key, HouseholdSize = present };
            foreach (var (column, slot) in yearGroup)
            {
                var value = h.Values[slot];
                if (column.Part == "HouseholdSize") { if (value is int size) income.HouseholdSize = size; continue; }
                if (value is not decimal yuan) continue;
                // The form's rule (RegistryRules.CheckAmount), named by the column (with its year).
                if (RegistryRules.CheckAmount(column.Key, column.Name, yuan) is { } inexact)
                {
                    Error(h.RowOf[slot], inexact.Field, h.Raw[slot]!, inexact.Code, inexact.Message);
                    yuan = decimal.Round(yuan, 2);
                }
                IncomePart(column.Part!).SetValue(income, Money.FromYuan(yuan));
            }
            foreach (var p in RegistryRules.CheckIncome(Inv($"income{yearGroup.Key}."), income))
            {
                var slot = columns.Slot(p.Field, -1);
                Error(slot >= 0 && h.RowOf[slot] > 0 ? h.RowOf[slot] : headRow, p.Field, slot >= 0 ? h.Raw[slot] ?? string.Empty : string.Empty, p.Code, p.Message);
            }
            h.Incomes.Add(income);
        }
        household.Size = presentCount; // as Household.CountMembers counts, from the summaries
        h.Entity = household;
        h.Existing = existing;
        return faults;
    }

    private List<IGrouping<int, (TemplateColumn c, int i)>>? _incomeYears;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Reflection.PropertyInfo> IncomeParts = new();

    private static System.Reflection.PropertyInfo IncomePart(string name) =>
        IncomeParts.GetOrAdd(name, n => typeof(HouseholdIncome).GetProperty(n) ?? throw new InvalidOperationException($"HouseholdIncome has no {n}"));

    /// <summary>
    /// The poverty status is the county's decision (县级审定), through the status change or the exit
    /// procedure: another role's file may register households only as not exited, and may not change a
    /// registered household's status or exit year. The county's own file changes them under the same
    /// rules as the status change (the adjustment window for removals).
    /// </summary>
    private void CheckStatusChange(HouseholdDraft h, Household household, ExistingHousehold? existing, int headRow, Action<int, string, string, string, LocalText> Error)
    {
        var role = context.Actor.Role;
        if (existing is null)
        {
            if (household.Status != HouseholdStatus.NotExited && !Domain.Accounts.Permissions.CanApproveStatusChange(role))
                Error(columns.RowOf(h, "status", headRow), "status", columns.RawOf(h, "status"), "status.county_only",
                    new LocalText(Inv($"户编号 {h.Number}：新登记的户只能是“未脱贫”；脱贫、返贫、清退由县级审定（退出程序或状态变更），不能由导入登记"),
                        Inv($"Household {h.Number}: a newly registered household is not exited; exits, returns and removals are the county's decision (exit procedure or status change), not an import's")));
            return;
        }
        if (household.Status == existing.Status && household.ExitYear == existing.ExitYear) return;
        var field = household.Status != existing.Status ? "status" : "exitYear";
        if (!Domain.Accounts.Permissions.CanApproveStatusChange(role))
        {
            Error(columns.RowOf(h, field, headRow), field, columns.RawOf(h, field), "status.county_only",
                new LocalText(Inv($"户编号 {h.Number}：导入不能改变脱贫状态或脱贫年度（系统中为“{Codes.Statuses[existing.Status].Zh}”{(existing.ExitYear is { } y ? $"，{y}年" : "")}）；脱贫状态的变更由县级审定，请走退出程序或由县扶贫办办理状态变更"),
                    Inv($"Household {h.Number}: an import does not change the poverty status or exit year (registered: {Codes.Statuses[existing.Status].En}{(existing.ExitYear is { } e ? $", {e}" : "")}); status changes are the county's decision, through the exit procedure or a status change")));
            return;
        }
        if (household.Status != existing.Status && HouseholdStatusRules.CheckTransition(existing.Status, household.Status, "status") is { } refused)
        {
            Error(columns.RowOf(h, "status", headRow), "status", columns.RawOf(h, "status"), refused.Code,
                new LocalText(Inv($"户编号 {h.Number}：{refused.Message.Zh}"), Inv($"Household {h.Number}: {refused.Message.En}")));
            return;
        }
        var date = h.ExitedOn ?? context.Today;
        if (context.Window.Check(HouseholdStatusRules.EventKindOf(household.Status), date) is { } outside)
            Error(columns.RowOf(h, h.ExitedOn is null ? field : "exitedOn", headRow), h.ExitedOn is null ? field : "exitedOn", columns.RawOf(h, h.ExitedOn is null ? field : "exitedOn"), outside.Code,
                new LocalText(Inv($"户编号 {h.Number}：{outside.Message.Zh}"), Inv($"Household {h.Number}: {outside.Message.En}")));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
