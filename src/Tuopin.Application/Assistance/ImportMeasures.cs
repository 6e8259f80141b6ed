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

    public sealed record Column(string Heading, string Code, bool Required);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("户编号", "household_number", true),
        new("年度", "year", true),
        new("措施类型", "type", true),
        new("措施内容", "content", true),
        new("成员姓名", "member", false),
        new("投入金额", "amount", false),
        new("预期增收", "expected_income", false),
        new("帮扶责任人", "cadre", false),
        new("计划日期", "planned_on", false),
        new("完成日期", "done_on", false),
        new("状态", "status", false),
        new("实际增收", "effect_income", false),
        new("成效", "effect_note", false),
    ];

    public static bool IsColumn(string heading) => Find(heading) is not null;

    private static Column? Find(string heading) =>
        Columns.FirstOrDefault(c => c.Heading == heading || string.Equals(c.Code, heading, StringComparison.OrdinalIgnoreCase));

    private sealed record Row(int Number, string HouseholdNumber, string? Member, string? Cadre, RecordMeasure.Fields Fields);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!actor.CanWriteRegistry && actor.Role != Domain.Accounts.Role.LineDepartment)
            throw new ForbiddenException(new LocalText("当前角色不能导入帮扶措施", "This role may not import measures"));
        var (table, sheet) = SheetImport.Read(request.Content, request.FileName, IsColumn, MaxRows);
        var problems = new List<Problem>();
        var rows = Parse(table, sheet, problems);
        Problem At(int line, string column, string code, LocalText text)
        {
            var where = sheet.Where(line);
            return new($"rows[{sheet.Locate(line).Row}].{column}", code, new LocalText($"{where.Zh}，{column}：{text.Zh}", $"{where.En}, {column}: {text.En}"));
        }

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
                problems.Add(At(row.Number, "户编号", "measure.household", new($"户编号 {row.HouseholdNumber} 不存在、已清退或不在您的管辖范围内", $"household {row.HouseholdNumber} does not exist, was removed or is outside your area")));
            if (!AssistanceAccess.CanWriteMeasure(actor, f.Type))
                problems.Add(At(row.Number, "措施类型", "measure.department", new($"本部门不负责“{MeasureTypes.Codes[f.Type].Zh}”措施", $"your department is not responsible for {MeasureTypes.Codes[f.Type].En}")));
            var key = (row.HouseholdNumber, f.Year, f.Type, f.Content.Trim());
            if (seen.TryGetValue(key, out var first))
                problems.Add(At(row.Number, "措施内容", "measure.duplicate_row", new($"与{sheet.Where(first).Zh}重复（同一户、年度、类型和内容）", $"repeats {sheet.Where(first).En} (same household, year, kind and content)")));
            else seen[key] = row.Number;
            foreach (var p in RecordMeasure.Check(f))
                problems.Add(At(row.Number, Columns.First(c => Field(c) == p.Field).Heading, p.Code, p.Message));
            Guid? memberId = null, cadreId = null;
            if (h is not null && row.Member is { } name)
            {
                var found = members[(h.Id, name)].ToList();
                if (found.Count == 1) memberId = found[0].Id;
                else problems.Add(At(row.Number, "成员姓名", "measure.member", found.Count == 0
                    ? new($"本户没有在户成员“{name}”", $"the household has no present member named {name}")
                    : new($"本户有 {found.Count} 名成员叫“{name}”，请在系统中逐条录入", $"{found.Count} members of the household are named {name}; record this one in the form")));
            }
            if (row.Cadre is { } cadre)
            {
                var found = cadres[cadre].ToList();
                if (found.Count == 1) cadreId = found[0].Id;
                else problems.Add(At(row.Number, "帮扶责任人", "measure.cadre", found.Count == 0
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
    private static string Field(Column c) => c.Code switch
    {
        "household_number" => "householdId", "member" => "memberId", "cadre" => "cadreId", "planned_on" => "plannedOn", "done_on" => "doneOn",
        "expected_income" => "expectedIncome", "effect_income" => "effectIncome", "effect_note" => "effectNote", var code => code,
    };

    private static List<Row> Parse(List<(int Number, string?[] Cells)> table, SheetTable sheet, List<Problem> problems)
    {
        var header = table.FirstOrDefault(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)));
        if (header.Cells is null)
            throw new InvalidRequestException([new Problem("file", "import.empty", new LocalText("文件是空的", "The file is empty"))]);
        var headerAt = new LocalText(sheet.Where(header.Number).Zh, sheet.Where(header.Number).En);
        var positions = new Dictionary<Column, int>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var heading = header.Cells[i]?.Trim();
            if (string.IsNullOrEmpty(heading)) continue;
            if (Find(heading) is { } column) positions[column] = i;
            else problems.Add(new Problem($"rows[{sheet.Locate(header.Number).Row}]", "import.unknown_column", new LocalText($"{headerAt.Zh}：不认识的列“{heading}”", $"{headerAt.En}: unknown column \"{heading}\"")));
        }
        foreach (var missing in Columns.Where(c => c.Required && !positions.ContainsKey(c)))
            problems.Add(new Problem($"rows[{sheet.Locate(header.Number).Row}]", "import.missing_column", new LocalText($"{headerAt.Zh}：缺少列“{missing.Heading}”", $"{headerAt.En}: the column \"{missing.Heading}\" ({missing.Code}) is missing")));
        foreach (var fault in sheet.Faults)
            problems.Add(new Problem($"rows[{fault.Row}]", fault.Code, fault.Message));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        if (table.Count(r => r.Number > header.Number && !r.Cells.All(string.IsNullOrWhiteSpace)) > MaxRows)
            throw new InvalidRequestException([new Problem("file", "import.too_many_rows", new LocalText($"一次最多导入 {MaxRows} 行", $"At most {MaxRows} rows at a time"))]);

        var result = new List<Row>();
        foreach (var (number, cells) in table.Where(r => r.Number > header.Number))
        {
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            var before = problems.Count;
            string? Cell(string code) => positions.TryGetValue(Columns.First(c => c.Code == code), out var i) && i < cells.Length ? cells[i]?.Trim() : null;
            void Fault(string column, CellParser.Fault fault)
            {
                var where = sheet.Where(number);
                problems.Add(new Problem($"rows[{sheet.Locate(number).Row}].{column}", fault.Code, new LocalText($"{where.Zh}，{column}：{fault.Message.Zh}", $"{where.En}, {column}: {fault.Message.En}")));
            }
            string? Required(string code, string heading)
            {
                var text = Cell(code);
                if (string.IsNullOrEmpty(text)) Fault(heading, new CellParser.Fault("import.required", new LocalText("不能为空", "is required")));
                return text;
            }
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
            var number0 = Required("household_number", "户编号");
            var yearText = Required("year", "年度");
            var year = 0;
            if (yearText is not null)
            {
                year = CellParser.Int(yearText, new LocalText("年度", "year"), out var yearFault) ?? 0;
                if (yearFault is not null) Fault("年度", yearFault);
            }
            var typeText = Required("type", "措施类型");
            MeasureType type = 0;
            if (typeText is not null)
            {
                type = CellParser.Code(typeText, MeasureTypes.Codes, out var typeFault) ?? 0;
                if (typeFault is not null) Fault("措施类型", typeFault);
            }
            var content = Required("content", "措施内容");
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
            if (problems.Count == before) result.Add(new Row(number, number0!, Cell("member"), Cell("cadre"), fields));
        }
        if (result.Count == 0 && problems.Count == 0)
            problems.Add(new Problem("file", "import.no_rows", new LocalText("文件中没有数据行", "The file has no data rows")));
        return result;
    }
}
