using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Imports measures from the list a village or township keeps (.xlsx, .xls or .csv in UTF-8 or GB18030), one
/// row a measure, keyed by the household number. All or nothing, like the registry import: every fault of every
/// row is reported with its sheet, row and column, and nothing is stored unless the whole file is right. Each row
/// is checked by the same rules as the form (<see cref="RecordMeasure.Check"/>); a row the ledger already holds
/// (same household, year, kind and content) is counted as unchanged, so a list can be imported again as it grows.
/// </summary>
public sealed class ImportMeasures(Database database)
{
    public const int MaxRows = 50_000;

    public const long MaxUploadBytes = 20L << 20;

    public sealed record Request(Stream Content, string FileName, string? Reason = null);

    public sealed record Result(int Rows, int Created, int Unchanged, IReadOnlyList<SkippedRow> Skipped);

    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("户编号", "household_number", true),
        new("年度", "year", true),
        new("措施类型", "type", true),
        new("措施内容", "content", true),
        new("成员姓名", "member"),
        new("投入金额", "amount"),
        new("预期增收", "expected_income"),
        new("帮扶责任人", "cadre"),
        new("计划日期", "planned_on"),
        new("完成日期", "done_on"),
        new("状态", "status"),
        new("实际增收", "effect_income"),
        new("成效", "effect_note"),
    ];

    private static SheetColumn Column(string code) => Columns.First(c => c.Code == code);

    private sealed record Row(int Number, string HouseholdNumber, string? Member, string? Cadre, RecordMeasure.Fields Fields);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!actor.CanWriteRegistry && actor.Role != Domain.Accounts.Role.LineDepartment)
            throw new ForbiddenException(new LocalText("当前角色不能导入帮扶措施", "This role may not import measures"));
        var sheet = SheetImport.Read(request.Content, request.FileName, Columns, MaxRows);
        var problems = new List<Problem>();
        var rows = Parse(sheet, problems);

        await using var db = database.Open();
        var numbers = rows.Select(r => r.HouseholdNumber).Distinct().ToList();
        // The area filter applies: a household outside the user's area is not found, exactly like a missing one.
        var households = await db.Households.AsNoTracking().Where(h => numbers.Contains(h.Number) && h.ClosedOn == null && h.Status != HouseholdStatus.Removed)
            .Select(h => new { h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId }).ToDictionaryAsync(h => h.Number, ct);
        var ids = households.Values.Select(h => h.Id).ToList();
        var members = (await db.Members.AsNoTracking().Where(m => ids.Contains(m.HouseholdId) && m.Status == MemberStatus.Present)
            .Select(m => new { m.Id, m.HouseholdId, m.Name }).ToListAsync(ct)).ToLookup(m => (m.HouseholdId, m.Name));
        var cadreNames = rows.Where(r => r.Cadre is not null).Select(r => r.Cadre!).Distinct().ToList();
        var cadres = (await AssistanceAccess.CadresOf(db, actor).AsNoTracking().Where(c => cadreNames.Contains(c.Name)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .ToLookup(c => c.Name);
        var years = rows.Select(r => r.Fields.Year).Distinct().ToList();
        var stored = (await db.Measures.AsNoTracking().Where(m => ids.Contains(m.HouseholdId!.Value) && years.Contains(m.Year))
            .Select(m => new { HouseholdId = m.HouseholdId!.Value, m.Year, m.Type, m.Content }).ToListAsync(ct))
            .Select(m => (m.HouseholdId, m.Year, m.Type, m.Content)).ToHashSet();

        var seen = new Dictionary<(string, int, MeasureType, string), int>();
        var measures = new List<Measure>();
        var unchanged = 0;
        var now = database.Clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            var f = row.Fields;
            var before = problems.Count;
            if (!households.TryGetValue(row.HouseholdNumber, out var h))
                problems.Add(sheet.At(row.Number, "户编号", "measure.household", new($"户编号 {row.HouseholdNumber} 不存在、已清退或不在您的管辖范围内", $"household {row.HouseholdNumber} does not exist, was removed or is outside your area")));
            if (!AssistanceAccess.CanWriteMeasure(actor, f.Type))
                problems.Add(sheet.At(row.Number, "措施类型", "measure.department", new($"本部门不负责“{MeasureTypes.Codes[f.Type].Zh}”措施", $"your department is not responsible for {MeasureTypes.Codes[f.Type].En}")));
            var key = (row.HouseholdNumber, f.Year, f.Type, f.Content.Trim());
            if (seen.TryGetValue(key, out var first))
                problems.Add(sheet.At(row.Number, "措施内容", "measure.duplicate_row", new($"与{sheet.Where(first).Zh}重复（同一户、年度、类型和内容）", $"repeats {sheet.Where(first).En} (same household, year, kind and content)")));
            else seen[key] = row.Number;
            foreach (var p in RecordMeasure.Check(f))
                problems.Add(sheet.At(row.Number, Columns.First(c => Field(c) == p.Field).Heading, p.Code, p.Message));
            Guid? memberId = null, cadreId = null;
            if (h is not null && row.Member is { } name)
            {
                var found = members[(h.Id, name)].ToList();
                if (found.Count == 1) memberId = found[0].Id;
                else problems.Add(sheet.At(row.Number, "成员姓名", "measure.member", found.Count == 0
                    ? new($"本户没有在户成员“{name}”", $"the household has no present member named {name}")
                    : new($"本户有 {found.Count} 名成员叫“{name}”，请在系统中逐条录入", $"{found.Count} members of the household are named {name}; record this one in the form")));
            }
            if (row.Cadre is { } cadre)
            {
                var found = cadres[cadre].ToList();
                if (found.Count == 1) cadreId = found[0].Id;
                else problems.Add(sheet.At(row.Number, "帮扶责任人", "measure.cadre", found.Count == 0
                    ? new($"帮扶责任人名册中没有“{cadre}”，请先登记", $"no cadre named {cadre} is registered; register them first")
                    : new($"名册中有 {found.Count} 名“{cadre}”，请在系统中逐条选择", $"{found.Count} cadres are named {cadre}; choose in the form")));
            }
            if (problems.Count > before || h is null) continue;
            if (stored.Contains((h.Id, f.Year, f.Type, f.Content.Trim())))
            {
                unchanged++;
                continue;
            }
            measures.Add(new Measure
            {
                Id = Guid.CreateVersion7(), HouseholdId = h.Id, CountyId = h.CountyId, TownshipId = h.TownshipId, VillageId = h.VillageId, MemberId = memberId,
                Year = f.Year, Type = f.Type, Content = f.Content.Trim(), Amount = Money.FromYuan(f.Amount), ExpectedIncome = Money.FromYuan(f.ExpectedIncome),
                CadreId = cadreId, PlannedOn = f.PlannedOn, DoneOn = f.DoneOn, Status = f.Status,
                EffectIncome = f.EffectIncome is { } e ? Money.FromYuan(e) : null, EffectNote = string.IsNullOrWhiteSpace(f.EffectNote) ? null : f.EffectNote.Trim(),
                RecordedBy = actor.UserName, Version = 1, CreatedAt = now, UpdatedAt = now,
            });
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.Measures.AddRange(measures);
        db.ChangeReason = request.Reason ?? $"导入帮扶措施表 {Path.GetFileName(request.FileName)}";
        await db.SaveChangesAsync(ct);
        return new Result(rows.Count, measures.Count, unchanged, [.. sheet.Skipped]);
    }

    /// <summary>The field of <see cref="RecordMeasure.Fields"/> a column fills, as <see cref="RecordMeasure.Check"/> names it.</summary>
    private static string Field(SheetColumn c) => c.Code switch
    {
        "household_number" => "householdId", "member" => "memberId", "cadre" => "cadreId", "planned_on" => "plannedOn", "done_on" => "doneOn",
        "expected_income" => "expectedIncome", "effect_income" => "effectIncome", "effect_note" => "effectNote", var code => code,
    };

    private static List<Row> Parse(ImportTable sheet, List<Problem> problems)
    {
        var result = new List<Row>();
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            string? Cell(string code) => row[Column(code)];
            void Fault(string column, CellParser.Fault fault) => problems.Add(sheet.At(row.Line, column, fault.Code, fault.Message));
            string? Required(string code) => sheet.Required(row, Column(code), problems);
            decimal Yuan(string code, string heading)
            {
                var text = Cell(code);
                if (string.IsNullOrEmpty(text)) return 0;
                var value = CellParser.Decimal(text, new LocalText(heading, code), out var fault);
                if (fault is not null) Fault(heading, fault);
                return value ?? 0;
            }
            DateOnly? Date(string code, string heading)
            {
                var text = Cell(code);
                if (string.IsNullOrEmpty(text)) return null;
                var value = CellParser.Date(new SheetCell(text, false), text, new LocalText(heading, code), out var fault);
                if (fault is not null) Fault(heading, fault);
                return value;
            }
            var number0 = Required("household_number");
            var yearText = Required("year");
            var year = 0;
            if (yearText is not null)
            {
                year = CellParser.Int(yearText, new LocalText("年度", "year"), out var yearFault) ?? 0;
                if (yearFault is not null) Fault("年度", yearFault);
            }
            var typeText = Required("type");
            MeasureType type = 0;
            if (typeText is not null)
            {
                type = CellParser.Code(typeText, MeasureTypes.Codes, out var typeFault) ?? 0;
                if (typeFault is not null) Fault("措施类型", typeFault);
            }
            var content = Required("content");
            var status = MeasureStatus.Planned;
            if (Cell("status") is { Length: > 0 } statusText)
            {
                status = CellParser.Code(statusText, MeasureTypes.Statuses, out var statusFault) ?? MeasureStatus.Planned;
                if (statusFault is not null) Fault("状态", statusFault);
            }
            var effectText = Cell("effect_income");
            var fields = new RecordMeasure.Fields(year, type, content ?? string.Empty, Yuan("amount", "投入金额"), Yuan("expected_income", "预期增收"),
                PlannedOn: Date("planned_on", "计划日期"), DoneOn: Date("done_on", "完成日期"), Status: status,
                EffectIncome: string.IsNullOrEmpty(effectText) ? null : Yuan("effect_income", "实际增收"), EffectNote: Cell("effect_note"));
            if (problems.Count == before) result.Add(new Row(row.Line, number0!, Cell("member"), Cell("cadre"), fields));
        }
        return result;
    }
}
