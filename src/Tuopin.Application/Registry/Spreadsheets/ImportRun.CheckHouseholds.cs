using Microsoft.EntityFrameworkCore;

using Tuopin.Domain.Common;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Checking: each household as a whole once its rows are read, with the checks the form makes (<see cref="RegistryChecks"/>) and the import's own (places, groups, status, registered households).</summary>
internal sealed partial class ImportRun
{
    private ImportPlaces? _places;
    private AdjustmentWindow _window = AdjustmentWindow.WholeYear;

    /// <summary>The county's places (villages, townships, groups) and the adjustment window, each loaded once.</summary>
    public async Task LoadPlacesAsync(CancellationToken ct)
    {
        _places = await ImportPlaces.LoadAsync(db, ct);
        _window = await AdjustmentWindow.GetAsync(db, ct);
    }

    private ImportPlaces Places => _places ?? throw new InvalidOperationException("The places are loaded first.");

    /// <summary>Checks the households not checked while reading (all of them when the file is not grouped).</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        foreach (var h in Households) if (!h.Closed) Close(h);
        await CheckClosedAsync(ct);
    }

    private void Close(HouseholdDraft h)
    {
        if (h.Closed) return;
        h.Closed = true;
        _closed.Add(h);
        if (grouped) _closedNumbers.Add(NumberKey(h.Number));
    }

    /// <summary>
    /// The closed households: their numbers looked up in the registry in one query per 2,000, each
    /// checked, then (grouped files) their raw fields dropped. The IDs read so far are looked up first,
    /// so that every member of these households has been compared with the registry.
    /// </summary>
    private async Task CheckClosedAsync(CancellationToken ct)
    {
        if (_closed.Count == 0) return;
        if (_errors.Any(e => e.Row == 1))
        {
            _closed.Clear();
            return;
        }
        // The connection is the writer's until the batch before is written.
        await _pending;
        await LookUpIdsAsync(ct);
        Timings["registry lookups"].Start();
        var existing = await ExistingHouseholdsAsync(_closed, ct);
        foreach (var (number, household) in existing) _existing[number] = household;
        Timings["registry lookups"].Stop();
        Timings["household checks"].Start();
        foreach (var h in _closed)
        {
            if (h.Number.StartsWith('?')) continue;
            CheckHousehold(h, existing.GetValueOrDefault(h.Number));
            if (existing.ContainsKey(h.Number)) RegisteredCount++;
        }
        Timings["household checks"].Stop();
        if (Writing) Queue(_closed, ct);
        else foreach (var h in _closed) h.Members.Clear();
        _closed.Clear();
    }

    private object? Value(HouseholdDraft h, string key)
    {
        var slot = _slotOf.GetValueOrDefault(key, -1);
        return slot < 0 ? null : h.Values[slot];
    }

    private int RowOf(HouseholdDraft h, string key, int fallback)
    {
        var slot = _slotOf.GetValueOrDefault(key, -1);
        return slot < 0 || h.RowOf[slot] == 0 ? fallback : h.RowOf[slot];
    }

    private string RawOf(HouseholdDraft h, string key)
    {
        var slot = _slotOf.GetValueOrDefault(key, -1);
        return slot < 0 ? string.Empty : h.Raw[slot] ?? string.Empty;
    }

    private void CheckHousehold(HouseholdDraft h, ExistingHousehold? existing)
    {
        var heads = h.People.Where(m => m.Relation == Relation.Head && m.Status == MemberStatus.Present).ToList();
        var headRow = heads.Count > 0 ? heads[0].Row : h.FirstRow;
        var village = ResolveVillage(h, headRow);

        var household = new Household { Id = existing?.Id ?? Guid.CreateVersion7(), Number = h.Number };
        if (village is not null)
        {
            household.CountyId = village.CountyId;
            household.TownshipId = village.TownshipId;
            household.VillageId = village.Id;
            var groupText = RawOf(h, "group");
            if (groupText.Length > 0)
            {
                var group = Places.Group(village, groupText, out var groupFault);
                if (groupFault is not null) Report(h, groupFault, headRow);
                household.GroupId = group?.Id;
            }
        }
        var year = (int?)Value(h, "registrationYear");
        if (year is null)
            Error(headRow, "registrationYear", string.Empty, "household.registration_year_required", new LocalText("户主行须填写识别年度", "The head's row needs the registration year"));
        household.RegistrationYear = year ?? today.Year;
        household.Standard = (IdentificationStandard?)Value(h, "standard") ?? IdentificationStandard.National;
        household.Attribute = (HouseholdAttribute?)Value(h, "attribute") ?? HouseholdAttribute.General;
        var cause = (PovertyCause?)Value(h, "mainCause");
        if (cause is null && _errors.All(e => !(e.Column == HeaderOf("mainCause") && h.Rows.Contains(e.Row))))
            Error(headRow, "mainCause", string.Empty, "household.main_cause_required", new LocalText("户主行须填写主要致贫原因", "The head's row needs the main cause of poverty"));
        household.MainCause = cause ?? PovertyCause.Other;
        household.OtherCause1 = (PovertyCause?)Value(h, "otherCause1");
        household.OtherCause2 = (PovertyCause?)Value(h, "otherCause2");
        household.Housing = (HousingSafety?)Value(h, "housing") ?? HousingSafety.Safe;
        household.HousingArea = (decimal?)Value(h, "housingArea");
        household.IsAdobeHouse = (bool?)Value(h, "isAdobeHouse") ?? false;
        household.HasLivingPower = (bool?)Value(h, "hasLivingPower") ?? true;
        household.HasProductionPower = (bool?)Value(h, "hasProductionPower") ?? false;
        household.DrinkingWaterDifficult = (bool?)Value(h, "drinkingWaterDifficult") ?? false;
        household.DrinkingWaterSafe = (bool?)Value(h, "drinkingWaterSafe") ?? true;
        household.HasSanitaryToilet = (bool?)Value(h, "hasSanitaryToilet") ?? false;
        household.DistanceToMainRoadKm = (decimal?)Value(h, "distanceToMainRoadKm");
        household.EntryRoad = (EntryRoad?)Value(h, "entryRoad");
        household.MainFuel = (Fuel?)Value(h, "mainFuel");
        household.InCooperative = (bool?)Value(h, "inCooperative") ?? false;
        household.Status = (HouseholdStatus?)Value(h, "status") ?? HouseholdStatus.NotExited;
        household.ExitYear = (int?)Value(h, "exitYear");
        // The form's checks (RegistryChecks), each reason on the row and column it is about.
        var phone = RegistryMapping.NormalisePhone(RawOf(h, "phone"));
        var fieldProblems = RegistryChecks.CheckFields(household, phone);
        foreach (var p in fieldProblems) Error(RowOf(h, p.Field, headRow), p.Field, RawOf(h, p.Field), p.Code, p.Message);
        h.Phone = fieldProblems.Any(p => p.Field == "phone") ? null : phone;
        h.RegisteredOn = (DateOnly?)Value(h, "registeredOn");
        h.ExitedOn = (DateOnly?)Value(h, "exitedOn");
        if (existing is null)
        {
            foreach (var p in RegistryChecks.CheckRegistration(household, RegisteredOn(h, household), h.RegisteredOn is not null, today, _window))
                Error(RowOf(h, "registeredOn", headRow), "registeredOn", RawOf(h, "registeredOn"), p.Code, p.Message);
        }
        else if (h.RegisteredOn is { } stated && RegistryRules.CheckRegistrationDate(stated, true, household.RegistrationYear, today) is { } p)
        {
            Error(RowOf(h, "registeredOn", headRow), "registeredOn", RawOf(h, "registeredOn"), p.Code, p.Message);
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
            if (!options.Update)
                Error(h.FirstRow, "number", h.Number, "household.exists",
                    new LocalText(Inv($"户编号 {h.Number} 的户已在系统中。如要用本文件更新已有户，请选择“更新模式”"), Inv($"Household {h.Number} is already registered. Choose update mode to update registered households from this file")));
            else if (!db.Actor.Scope.Covers(existing.CountyId, existing.TownshipId, existing.VillageId))
                Error(h.FirstRow, "number", h.Number, "household.number_taken",
                    new LocalText(Inv($"户编号 {h.Number} 已被您管辖范围以外的户使用"), Inv($"Household number {h.Number} is used by a household outside your area")));
            else if (village is not null && existing.VillageId != village.Id)
                Error(RowOf(h, "village", headRow), "village", RawOf(h, "village"), "household.village_changed",
                    new LocalText(Inv($"户编号 {h.Number} 已登记在其他村，导入不能改变户所在的村"), Inv($"Household {h.Number} is registered in another village; an import does not move households")));
        }

        CheckStatusChange(h, household, existing, headRow);

        foreach (var m in h.People)
        {
            if (m.Index.Length > 0 && _taken.TryGetValue(m.Index, out var holder) && holder.EarlierInFile is { } earlier)
            {
                // Written from an earlier batch of this file: the same person twice in the file.
                Error(m.Row, "residentId", holder.ResidentId, "member.duplicate_in_file",
                    new LocalText(Inv($"证件号码与本文件前面户编号 {earlier} 的一名成员重复：同一人在文件中只能出现一次"),
                        Inv($"The resident ID repeats a member of household {earlier} earlier in the file: a person appears once in the file")));
            }
            else if (m.Index.Length > 0 && _taken.TryGetValue(m.Index, out holder) && holder.Household != existing?.Id)
            {
                var taken = RegistryChecks.IdTaken("residentId");
                Error(m.Row, "residentId", holder.ResidentId, taken.Code, taken.Message);
            }
        }

        // Incomes by year: parts must be numbers ≥ 0 with at most two decimals.
        var presentCount = h.People.Count(m => m.Status == MemberStatus.Present);
        var present = Math.Max(1, presentCount);
        // Grouped once per file: every household is checked with them.
        _incomeYears ??= [.. _householdColumns.Select((c, i) => (c, i)).Where(x => x.c.Scope == ColumnScope.Income).GroupBy(x => x.c.Year)];
        foreach (var yearGroup in _incomeYears)
        {
            if (yearGroup.All(x => h.Raw[x.i] is null)) continue;
            var income = new HouseholdIncome { Id = Guid.CreateVersion7(), HouseholdId = household.Id, Year = yearGroup.Key, HouseholdSize = present };
            foreach (var (column, slot) in yearGroup)
            {
                var value = h.Values[slot];
                if (column.Part == "HouseholdSize") { if (value is int size) income.HouseholdSize = size; continue; }
                if (value is not decimal yuan) continue;
                if (decimal.Round(yuan, 2) != yuan)
                {
                    Error(h.RowOf[slot], column.Key, h.Raw[slot]!, "income.precision",
                        new LocalText(Inv($"{column.Zh}最多保留两位小数（分），填写的是 {yuan}"), Inv($"{column.En} has more than two decimals: {yuan}")));
                    yuan = decimal.Round(yuan, 2);
                }
                IncomePart(column.Part!).SetValue(income, Money.FromYuan(yuan));
            }
            foreach (var p in RegistryRules.CheckIncome(Inv($"income{yearGroup.Key}."), income))
            {
                var slot = _slotOf.GetValueOrDefault(p.Field, -1);
                Error(slot >= 0 && h.RowOf[slot] > 0 ? h.RowOf[slot] : headRow, p.Field, slot >= 0 ? h.Raw[slot] ?? string.Empty : string.Empty, p.Code, p.Message);
            }
            h.Incomes.Add(income);
        }
        household.Size = presentCount; // as Household.CountMembers counts, from the summaries
        h.Entity = household;
        h.Existing = existing;
    }

    private List<IGrouping<int, (TemplateColumn c, int i)>>? _incomeYears;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Reflection.PropertyInfo> IncomeParts = new();

    private static System.Reflection.PropertyInfo IncomePart(string name) =>
        IncomeParts.GetOrAdd(name, n => typeof(HouseholdIncome).GetProperty(n) ?? throw new InvalidOperationException($"HouseholdIncome has no {n}"));

    private Village? ResolveVillage(HouseholdDraft h, int headRow)
    {
        var village = Places.Village(RawOf(h, "village"), RawOf(h, "township"), db.Actor.Scope, out var fault);
        if (fault is not null) Report(h, fault, headRow);
        return village;
    }

    /// <summary>A part's reason, on the row of the household that holds its column (the head's row if none does).</summary>
    private void Report(HouseholdDraft h, ImportFault fault, int headRow) =>
        Error(RowOf(h, fault.Key, headRow), fault.Key, fault.Value, fault.Code, fault.Message);

    /// <summary>
    /// The poverty status is the county's decision (县级审定), through the status change or the exit
    /// procedure: another role's file may register households only as not exited, and may not change a
    /// registered household's status or exit year. The county's own file changes them under the same
    /// rules as the status change (the adjustment window for removals).
    /// </summary>
    private void CheckStatusChange(HouseholdDraft h, Household household, ExistingHousehold? existing, int headRow)
    {
        var role = db.Actor.Role;
        if (existing is null)
        {
            if (household.Status != HouseholdStatus.NotExited && !Domain.Accounts.Permissions.CanApproveStatusChange(role))
                Error(RowOf(h, "status", headRow), "status", RawOf(h, "status"), "status.county_only",
                    new LocalText(Inv($"户编号 {h.Number}：新登记的户只能是“未脱贫”；脱贫、返贫、清退由县级审定（退出程序或状态变更），不能由导入登记"),
                        Inv($"Household {h.Number}: a newly registered household is not exited; exits, returns and removals are the county's decision (exit procedure or status change), not an import's")));
            return;
        }
        if (household.Status == existing.Status && household.ExitYear == existing.ExitYear) return;
        var field = household.Status != existing.Status ? "status" : "exitYear";
        if (!Domain.Accounts.Permissions.CanApproveStatusChange(role))
        {
            Error(RowOf(h, field, headRow), field, RawOf(h, field), "status.county_only",
                new LocalText(Inv($"户编号 {h.Number}：导入不能改变脱贫状态或脱贫年度（系统中为“{Codes.Statuses[existing.Status].Zh}”{(existing.ExitYear is { } y ? $"，{y}年" : "")}）；脱贫状态的变更由县级审定，请走退出程序或由县扶贫办办理状态变更"),
                    Inv($"Household {h.Number}: an import does not change the poverty status or exit year (registered: {Codes.Statuses[existing.Status].En}{(existing.ExitYear is { } e ? $", {e}" : "")}); status changes are the county's decision, through the exit procedure or a status change")));
            return;
        }
        if (household.Status != existing.Status && HouseholdStatusRules.CheckTransition(existing.Status, household.Status, "status") is { } refused)
        {
            Error(RowOf(h, "status", headRow), "status", RawOf(h, "status"), refused.Code,
                new LocalText(Inv($"户编号 {h.Number}：{refused.Message.Zh}"), Inv($"Household {h.Number}: {refused.Message.En}")));
            return;
        }
        var date = h.ExitedOn ?? today;
        if (_window.Check(HouseholdStatusRules.EventKindOf(household.Status), date) is { } outside)
            Error(RowOf(h, h.ExitedOn is null ? field : "exitedOn", headRow), h.ExitedOn is null ? field : "exitedOn", RawOf(h, h.ExitedOn is null ? field : "exitedOn"), outside.Code,
                new LocalText(Inv($"户编号 {h.Number}：{outside.Message.Zh}"), Inv($"Household {h.Number}: {outside.Message.En}")));
    }

    private async Task<Dictionary<string, ExistingHousehold>> ExistingHouseholdsAsync(List<HouseholdDraft> households, CancellationToken ct)
    {
        var result = new Dictionary<string, ExistingHousehold>();
        foreach (var chunk in households.Select(h => h.Number).Where(n => !n.StartsWith('?')).Chunk(2000))
        {
            var rows = await db.Households.IgnoreQueryFilters().AsNoTracking()
                .Where(h => chunk.Contains(h.Number))
                .Select(h => new { h.Number, h.Id, h.CountyId, h.TownshipId, h.VillageId, h.BatchId, h.Status, h.ExitYear })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                // Written by this import from an earlier batch: the household's rows are not together.
                if (_stream && r.BatchId == _batch) throw new UngroupedFileException();
                result[r.Number] = new ExistingHousehold(r.Id, r.CountyId, r.TownshipId, r.VillageId, r.Status, r.ExitYear);
            }
        }
        return result;
    }

    /// <summary>
    /// The IDs read since the last call, looked up in the registry by their blind index in one query
    /// (every area: a person is registered once in the whole registry). Only the IDs found are kept.
    /// </summary>
    private async Task LookUpIdsAsync(CancellationToken ct)
    {
        if (_pendingIds.Count == 0) return;
        await _pending; // the connection is the writer's until its batch is written
        var watch = Timings["registry lookups"];
        watch.Start();
        Dictionary<string, string>? plain = null;
        foreach (var chunk in _pendingIds.Select(p => p.Index).Chunk(LookupBatch))
        {
            var rows = await RegistryChecks.RegisteredIdsAsync(db, chunk, null, "registry import", ct);
            if (rows.Count == 0) continue;
            plain ??= _pendingIds.ToDictionary(p => p.Index, p => p.ResidentId);
            foreach (var r in rows)
                _taken[r.Index] = new TakenId(r.Household, r.Member, plain[r.Index], _stream && r.Batch == _batch ? r.Number : null);
        }
        _pendingIds.Clear();
        watch.Stop();
    }
}
