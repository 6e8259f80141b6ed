using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Conditions;

namespace Tuopin.Application.Conditions;

/// <summary>
/// Imports village conditions from a spreadsheet (.xlsx, or .csv in UTF-8 or GB18030), one row per
/// village and year, keyed by the village's 12-digit code. All or nothing: every fault of every row is
/// reported with its row number and column, and nothing is stored unless the whole file is right.
/// Existing records of the same village and year are replaced (and the change audited per record).
/// </summary>
public sealed class ImportVillageConditions(Database database)
{
    public const int MaxRows = 50_000;

    /// <summary>A conditions file sent to the server: 50,000 rows of 19 columns come to some 5 MB.</summary>
    public const long MaxUploadBytes = 20L << 20;

    public sealed record Request(Stream Content, string FileName, string? Reason = null);

    /// <summary>Skipped: the rows and sheets that are not data (titles, blank rows, totals, footers, instruction sheets), with their reasons.</summary>
    public sealed record Result(int Rows, int Created, int Updated, int Unchanged, IReadOnlyList<SkippedRow>? Skipped = null)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<SkippedRow> SkippedRows => Skipped ?? [];

        /// <summary>Equal when the counts are and the same rows were skipped (no list equals an empty one).</summary>
        public bool Equals(Result? other) => other is not null && (Rows, Created, Updated, Unchanged) == (other.Rows, other.Created, other.Updated, other.Unchanged)
            && SkippedRows.SequenceEqual(other.SkippedRows);

        public override int GetHashCode() => HashCode.Combine(Rows, Created, Updated, Unchanged, SkippedRows.Count);
    }

    /// <summary>The columns, by their Chinese heading (the template) or English code.</summary>
    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("村代码", "village_code", true),
        new("年度", "year", true),
        new("通硬化路", "hardened_road", true),
        new("通客运班车", "bus_service", true),
        new("自然村数", "natural_villages", true),
        new("通硬化路自然村数", "natural_villages_with_road", true),
        new("通生产用电自然村数", "natural_villages_with_power", true),
        new("农户数", "households", true),
        new("大管网供水户数", "piped_water_households", true),
        new("安全饮水户数", "safe_water_households", true),
        new("通电户数", "electricity_households", true),
        new("广播电视入户数", "radio_tv_households", true),
        new("通宽带", "broadband", true),
        new("移动信号覆盖", "mobile_signal", true),
        new("学校或幼儿园", "school_or_kindergarten", true),
        new("卫生室", "clinic", true),
        new("便民服务中心", "service_centre", true),
        new("文化活动室", "cultural_centre", true),
        new("备注", "note"),
    ];

    private sealed record Row(int Number, string VillageCode, int Year, ConditionFields Fields);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        ConditionAccess.RequireWriter(database.Actor);
        var sheet = SheetImport.Read(request.Content, request.FileName, Columns, MaxRows);
        var problems = new List<Problem>();
        var rows = Parse(sheet, problems);
        await using var db = database.Open();

        var codes = rows.Select(r => r.VillageCode).Distinct().ToList();
        var villages = await db.Villages.AsNoTracking().Where(v => codes.Contains(v.Code))
            .Select(v => new { v.Id, v.Code, v.CountyId, v.TownshipId }).ToDictionaryAsync(v => v.Code, ct);
        var scope = database.Actor.Scope;
        var seen = new Dictionary<(string, int), int>();
        foreach (var row in rows)
        {
            if (!villages.TryGetValue(row.VillageCode, out var v) || !scope.Covers(v.CountyId, v.TownshipId, v.Id))
                problems.Add(sheet.At(row.Number, "村代码", "condition.unknown_village",
                    new($"村代码 {row.VillageCode} 不存在或不在您的管辖范围内", $"village code {row.VillageCode} does not exist or is outside your area")));
            if (seen.TryGetValue((row.VillageCode, row.Year), out var first))
                problems.Add(sheet.At(row.Number, "村代码", "condition.duplicate_row",
                    new($"与{sheet.Where(first).Zh}重复（同一村同一年度）", $"repeats {Lower(sheet.Where(first).En)} (same village and year)")));
            else seen[(row.VillageCode, row.Year)] = row.Number;
            var probe = new VillageCondition { Year = row.Year };
            row.Fields.ApplyTo(probe);
            foreach (var p in ConditionRules.Check(probe))
                problems.Add(new Problem($"{sheet.Field(row.Number)}.{p.Field}", p.Code,
                    new LocalText($"{sheet.Where(row.Number).Zh}：{p.Message.Zh}", $"{sheet.Where(row.Number).En}: {p.Message.En}")));
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        var ids = villages.Values.Select(v => v.Id).ToList();
        var years = rows.Select(r => r.Year).Distinct().ToList();
        var existing = await db.VillageConditions.Where(c => ids.Contains(c.VillageId) && years.Contains(c.Year)).ToListAsync(ct);
        var byKey = existing.ToDictionary(c => (c.VillageId, c.Year));
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var v = villages[row.VillageCode];
            if (byKey.TryGetValue((v.Id, row.Year), out var record))
            {
                if (ConditionFields.Of(record) == row.Fields with { Note = string.IsNullOrWhiteSpace(row.Fields.Note) ? null : row.Fields.Note.Trim() })
                {
                    unchanged++;
                    continue;
                }
                row.Fields.ApplyTo(record);
                record.Version++;
                updated++;
            }
            else
            {
                record = new VillageCondition { Id = Guid.CreateVersion7(), CountyId = v.CountyId, TownshipId = v.TownshipId, VillageId = v.Id, Year = row.Year, Version = 1 };
                row.Fields.ApplyTo(record);
                db.VillageConditions.Add(record);
                created++;
            }
        }
        db.ChangeReason = request.Reason ?? $"导入村级基础设施表 {Path.GetFileName(request.FileName)}";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText("导入期间有人修改了相同的记录，未导入任何数据，请重试", "Someone changed the same records during the import; nothing was imported, try again"));
        }
        await transaction.CommitAsync(ct);
        return new Result(rows.Count, created, updated, unchanged, [.. sheet.Skipped]);
    }

    private static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static List<Row> Parse(ImportTable sheet, List<Problem> problems)
    {
        var result = new List<Row>();
        foreach (var row in sheet.Rows)
        {
            var (number, before) = (row.Line, problems.Count);
            int Number(int index)
            {
                var column = Columns[index];
                var text = sheet.Required(row, column, problems);
                if (string.IsNullOrEmpty(text)) return 0;
                if (CellParser.Int(text, new LocalText(column.Heading, column.Code), out _) is { } value) return value;
                problems.Add(sheet.At(number, column.Heading, "import.not_integer", new($"“{text}”不是整数", $"\"{text}\" is not a whole number")));
                return 0;
            }
            bool Flag(int index)
            {
                var column = Columns[index];
                var text = row[column];
                if (string.IsNullOrEmpty(text)) { problems.Add(sheet.At(number, column.Heading, "import.required", new("不能为空（填“是”或“否”）", "is required (是 or 否)"))); return false; }
                if (CellParser.Bool(text, new LocalText(column.Heading, column.Code), out _) is { } value) return value;
                problems.Add(sheet.At(number, column.Heading, "import.not_flag", new($"“{text}”应为“是”或“否”", $"\"{text}\" should be 是 (yes) or 否 (no)")));
                return false;
            }
            var code = sheet.Required(row, Columns[0], problems);
            var year = Number(1);
            var fields = new ConditionFields
            {
                HardenedRoad = Flag(2),
                BusService = Flag(3),
                NaturalVillages = Number(4),
                NaturalVillagesWithRoad = Number(5),
                NaturalVillagesWithPower = Number(6),
                Households = Number(7),
                PipedWaterHouseholds = Number(8),
                SafeWaterHouseholds = Number(9),
                ElectricityHouseholds = Number(10),
                RadioTvHouseholds = Number(11),
                Broadband = Flag(12),
                MobileSignal = Flag(13),
                SchoolOrKindergarten = Flag(14),
                Clinic = Flag(15),
                ServiceCentre = Flag(16),
                CulturalCentre = Flag(17),
                Note = row[Columns[18]],
            };
            if (problems.Count == before) result.Add(new Row(number, code!, year, fields));
        }
        return result;
    }
}
