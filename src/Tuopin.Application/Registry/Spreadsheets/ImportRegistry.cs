using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// Imports a registry spreadsheet (.xlsx or .csv in the template of docs/import-template.md). Every row
/// is checked before anything is committed; by default one rejected row means nothing is stored. New
/// households go in through the bulk path in one transaction with one audit entry for the batch; in
/// update mode households already registered are changed like edits in the UI, each change audited.
/// </summary>
public sealed class ImportRegistry(Database database)
{
    /// <summary>Timings: where the time went (reading, checks, encryption, writing), for a caller that measures (the benchmark).</summary>
    public sealed record Options(bool DryRun = false, bool Update = false, ImportTimings? Timings = null);

    /// <summary>One reason a row was rejected. Row is the spreadsheet's row number (header = 1).</summary>
    public sealed record RowError(int Row, string Column, string Value, string Code, LocalText Message);

    public sealed record Result(int Rows, int Households, int Accepted, int Rejected, IReadOnlyList<RowError> Errors,
        bool Stored, int Created, int Updated, int MembersWritten, TimeSpan Elapsed)
    {
        public bool Ok => Errors.Count == 0;
    }

    public async Task<Result> HandleAsync(Stream stream, string fileName, Options options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var format = SheetFormats.FromFileName(fileName) ?? throw new InvalidRequestException([new Problem("file", "import.format",
            new LocalText($"只能导入 .xlsx 或 .csv 文件，“{Path.GetFileName(fileName)}”不是", $"Only .xlsx and .csv files can be imported, not '{Path.GetFileName(fileName)}'"))]);
        if (!options.DryRun) RegistryMapping.RequireWriter(database.Actor);
        var watch = Stopwatch.StartNew();
        await using var db = database.Open();
        var today = DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);
        var name = Path.GetFileName(fileName);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        // The file is read twice only when its households are not grouped, but it has to be seekable for
        // that: an upload stream is buffered to a temporary file, never to memory.
        await using var buffered = stream.CanSeek ? null : await BufferAsync(stream, ct);
        var source = buffered ?? stream;
        var start = source.Position;
        IEnumerable<SheetRow> Rows()
        {
            source.Position = start;
            return SheetFormats.Read(source, format);
        }
        var run = new ImportRun(db, database.Protector, today, options);
        try
        {
            await run.LoadPlacesAsync(ct);
            try
            {
                // One pass: rows are checked and, while none is rejected, written in batches inside one
                // transaction, which is committed only when the whole file is found faultless.
                if (!options.DryRun) await run.BeginWritingAsync(name, now, ct);
                await run.ReadAllAsync(Rows(), progress, ct);
            }
            catch (TooManyErrorsException e)
            {
                return TooMany(run, e.Row, watch.Elapsed);
            }
            catch (UngroupedFileException)
            {
                // A household's rows are not together in the file: what was written is rolled back, and
                // the file is checked again keeping every household's fields to the end, then written in
                // a second pass (memory then grows with the file).
                await run.DisposeAsync();
                run = new ImportRun(db, database.Protector, today, options, grouped: false);
                await run.LoadPlacesAsync(ct);
                try
                {
                    await run.ReadAllAsync(Rows(), progress, ct);
                }
                catch (TooManyErrorsException e)
                {
                    return TooMany(run, e.Row, watch.Elapsed);
                }
            }
            var stoppedAt = (int?)null;
            try
            {
                await run.CheckAsync(ct);
            }
            catch (TooManyErrorsException e)
            {
                stoppedAt = e.Row;
            }
            var errors = run.SortedErrors();
            if (stoppedAt is { } last)
                errors.Add(StoppedAt(last));
            var rejectedRows = errors.Where(e => e.Row > 1).Select(e => e.Row).Distinct().Count();
            var stored = false;
            var written = 0;
            if (errors.Count == 0 && !options.DryRun && run.HouseholdCount > 0)
            {
                written = run.Grouped ? await run.FinishAsync(ct) : await run.WriteAsync(Rows(), name, now, ct);
                stored = true;
            }
            return new Result(run.RowCount, run.HouseholdCount, run.RowCount - rejectedRows, rejectedRows, errors, stored,
                run.HouseholdCount - run.RegisteredCount, run.RegisteredCount, written, watch.Elapsed);
        }
        catch (SheetLimitException e)
        {
            // Beyond a spreadsheet limit: the reader's own message, which names the cell or part and the limit.
            throw new InvalidRequestException([new Problem("file", e.Code, e.Text)]);
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException)
        {
            throw new InvalidRequestException([new Problem("file", "import.unreadable", new LocalText("文件无法读取：" + e.Message, "The file cannot be read: " + e.Message))]);
        }
        finally
        {
            // Not committed: rolled back, after the write in flight (if any) has ended.
            await run.DisposeAsync();
        }
    }

    private static RowError StoppedAt(int row) => new(row, string.Empty, string.Empty, "import.too_many_errors", new LocalText(
        $"错误已达 {ImportRun.MaxErrors} 条，检查在第 {row} 行停止，其后的行未检查；请先改正以上错误再导入",
        $"{ImportRun.MaxErrors} errors found: the check stopped at row {row} and the rows after it were not checked; fix these and import again"));

    private static Result TooMany(ImportRun run, int row, TimeSpan elapsed)
    {
        var errors = run.SortedErrors();
        errors.Add(StoppedAt(row));
        var rejected = errors.Where(e => e.Row > 1).Select(e => e.Row).Distinct().Count();
        return new Result(run.RowCount, run.HouseholdCount, Math.Max(0, run.RowCount - rejected), rejected, errors, false, 0, 0, 0, elapsed);
    }

    private static async Task<FileStream> BufferAsync(Stream stream, CancellationToken ct)
    {
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await stream.CopyToAsync(temp, ct);
        temp.Position = 0;
        return temp;
    }

    /// <summary>
    /// The rows of the file with the error column added (as the same format), for the user to fix
    /// and import again. Rows without errors are kept, so that the fixed file is complete.
    /// </summary>
    public static void WriteWithErrors(Stream source, SheetFormat format, IReadOnlyList<RowError> errors, Stream target, CultureInfo culture)
    {
        var byRow = errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => string.Join("；", g.Select(e => $"{e.Column}：{e.Message.For(culture)}")));
        using var writer = new SheetWriter(target, format, "导入错误");
        var width = 0;
        var next = 1;
        foreach (var row in SheetFormats.Read(source, format))
        {
            if (row.Number == 1) width = row.Cells.Length;
            // Keep row numbers: a workbook with gaps gets its blank rows back.
            while (next < row.Number) { writer.WriteRow([]); next++; }
            next = row.Number + 1;
            var values = new object?[Math.Max(width, row.Cells.Length) + 1];
            for (var i = 0; i < row.Cells.Length; i++) values[i] = row.Cells[i].Text;
            var errorIndex = values.Length - 1;
            if (row.Number == 1)
            {
                values[errorIndex] = RegistryTemplate.ErrorColumn.For(culture);
                writer.WriteRow(values, 1);
            }
            else if (byRow.TryGetValue(row.Number, out var text))
            {
                values[errorIndex] = text;
                writer.WriteRow(values, 2, errorIndex);
            }
            else writer.WriteRow(values);
        }
    }
}

/// <summary>
/// The state of one import.
/// <para>
/// Grouped files (a household's rows together, as the export writes them) are read once: each row is
/// checked as it is read, a household as soon as its rows end (in batches of 1,000, after their IDs and
/// numbers were looked up in the registry), and while no row has been rejected each checked batch is
/// handed to a writer task that inserts it inside the import's transaction while the next batch is
/// read. The transaction is committed only when the whole file is faultless. What stays from row to
/// row is the ID's blind index as a 32-byte key (for "the same ID twice in the file") and per household
/// a 64-bit hash of its number (to notice a household whose rows are not together); registered
/// households and registered IDs that the file names are kept too.
/// </para>
/// <para>
/// Files whose households are split over the file fall back to two passes: pass 1 keeps every
/// household's fields and records, pass 2 streams only the members (memory then grows with the file).
/// Update mode keeps the registered households it updates for the tracked, audited update at the end.
/// </para>
/// </summary>
internal sealed class ImportRun(TuopinDb db, IPersonalDataProtector protector, DateOnly today, ImportRegistry.Options options, bool grouped = true) : IAsyncDisposable
{
    public DateOnly Today => today;

    /// <summary>The file's households are together (one pass, written as checked); false: the two-pass fallback.</summary>
    public bool Grouped => grouped;

    // Grouped files (a household's rows together, as the export writes them): a household is checked as
    // soon as its rows end, in batches, then written (while no row is rejected) and forgotten.
    private readonly List<HouseholdDraft> _closed = [];
    private HouseholdDraft? _current;
    private const int CheckBatch = 1000;
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private readonly List<ImportRegistry.RowError> _errors = [];
    // Households not grouped: every household by its number, to the end of pass 2.
    private readonly Dictionary<string, HouseholdDraft> _byNumber = [];
    // Grouped: the 64-bit hashes of the numbers of the households read since the last batch written (a
    // repeat means the rows are not together; a hash collision only sends the import to the ungrouped
    // fallback, which is exact). Households of the batches written are found in the database instead.
    private readonly HashSet<ulong> _closedNumbers = [];
    // The registered households that the file names (found by the checks, used by the writing).
    private readonly Dictionary<string, ExistingHousehold> _existing = [];
    // The first row of each ID's blind index since the last batch written: 32 bytes and a row number
    // instead of a 43-character string. IDs of the batches written are found in the database (inside the
    // import's transaction) by the registry lookup, so that for a file that is being written this stays
    // the size of a batch; when nothing is written (a dry run, or after a rejected row) it keeps every row.
    private readonly Dictionary<BlindKey, int> _rowOfIndex = [];
    private readonly Dictionary<string, TakenId> _taken = [];
    private readonly List<(string Index, string ResidentId)> _pendingIds = [];
    private const int LookupBatch = 2000;
    private const int WriteBatch = 5000;
    private bool _writing;
    private TemplateColumn?[] _columns = [];
    private string[] _headers = [];
    private int[] _householdSlot = [];
    private List<TemplateColumn> _householdColumns = [];
    private Dictionary<string, (string Raw, object? Value)>?[] _textCache = [];
    private Dictionary<string, (string Raw, object? Value)>?[] _numberCache = [];
    private const int SlotCacheSize = 4096;
    private readonly Dictionary<string, int> _indexOf = [];
    private readonly Dictionary<string, int> _slotOf = [];
    private List<Village> _villages = [];
    private ILookup<string, Village> _villagesByCode = Array.Empty<Village>().ToLookup(v => v.Code);
    private ILookup<string, Village> _villagesByName = Array.Empty<Village>().ToLookup(v => v.Name);
    private Dictionary<Guid, Township> _townships = [];
    private AdjustmentWindow _window = AdjustmentWindow.WholeYear;
    private ILookup<Guid, VillageGroup> _groups = Array.Empty<VillageGroup>().ToLookup(g => g.VillageId);

    /// <summary>The households kept from pass 1 to pass 2: only when the file is not grouped.</summary>
    public List<HouseholdDraft> Households { get; } = [];

    public int RowCount { get; private set; }

    /// <summary>The households of the file (distinct numbers, a row without a number counts as one).</summary>
    public int HouseholdCount { get; private set; }

    /// <summary>Of those, the ones already in the registry.</summary>
    public int RegisteredCount { get; private set; }

    /// <summary>The caller's timings (the benchmark's), or a private set nobody reads.</summary>
    public ImportTimings Timings { get; } = options.Timings ?? new();

    public async Task LoadPlacesAsync(CancellationToken ct)
    {
        _villages = await db.Villages.AsNoTracking().ToListAsync(ct);
        _villagesByCode = _villages.ToLookup(v => v.Code);
        // By name or official name, in the villages' order, each village once per key.
        _villagesByName = _villages.SelectMany(v => new[] { v.Name, v.OfficialName }.OfType<string>().Distinct().Select(n => (Name: n, Village: v)))
            .ToLookup(x => x.Name, x => x.Village);
        _townships = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        _window = await AdjustmentWindow.GetAsync(db, ct);
        _groups = (await db.VillageGroups.AsNoTracking().ToListAsync(ct)).ToLookup(g => g.VillageId);
    }

    public List<ImportRegistry.RowError> SortedErrors() => [.. _errors.OrderBy(e => e.Row).ThenBy(e => Array.IndexOf(_headers, e.Column) is var i && i < 0 ? int.MaxValue : i)];

    /// <summary>
    /// Reasons kept before the check stops: a file of a million faulty rows would otherwise hold millions
    /// of reasons in memory and send them all back. The user fixes these and imports again.
    /// </summary>
    public const int MaxErrors = 1_000;

    private void Error(int row, string key, string value, string code, LocalText message)
    {
        // Pass 2 builds the records again from rows that pass 1 found faultless.
        if (_writing) throw FileChanged(row);
        _errors.Add(new ImportRegistry.RowError(row, HeaderOf(key), value, code, message));
        if (_errors.Count >= MaxErrors) throw new TooManyErrorsException(row);
    }

    private string HeaderOf(string key) => _indexOf.TryGetValue(key, out var i) ? _headers[i] : RegistryTemplate.Fixed.FirstOrDefault(c => c.Key == key)?.Zh ?? key;

    // ---- Reading ----

    public async Task ReadAllAsync(IEnumerable<SheetRow> rows, IProgress<int>? progress, CancellationToken ct)
    {
        var header = true;
        foreach (var row in Timings.Time(rows))
        {
            if (header)
            {
                header = false;
                if (!ReadHeader(row)) return;
                continue;
            }
            if (row.IsBlank) continue;
            RowCount++;
            var parse = Timings["parse and check rows"];
            parse.Start();
            ReadRow(row);
            parse.Stop();
            // Writing while reading: the lookups wait for the check batch (the connection is the writer's meanwhile).
            if (!_stream && _pendingIds.Count >= LookupBatch) await LookUpIdsAsync(ct);
            if (_closed.Count >= CheckBatch) await CheckClosedAsync(ct);
            if (RowCount % 2000 == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(RowCount);
            }
        }
        await LookUpIdsAsync(ct);
        if (_current is not null) Close(_current);
        await CheckClosedAsync(ct);
        if (header)
            _errors.Add(new(1, string.Empty, string.Empty, "import.empty", new LocalText("文件是空的：第1行应为表头", "The file is empty: row 1 should be the header")));
        progress?.Report(RowCount);
    }

    private bool ReadHeader(SheetRow row)
    {
        _headers = row.Cells.Select(c => TextCleaner.Clean(c.Text)).ToArray();
        _columns = new TemplateColumn?[_headers.Length];
        var unknown = new List<string>();
        for (var i = 0; i < _headers.Length; i++)
        {
            if (_headers[i].Length == 0 || RegistryTemplate.IsIgnored(_headers[i])) continue;
            var column = RegistryTemplate.Find(_headers[i]);
            if (column is null)
            {
                unknown.Add(_headers[i]);
                continue;
            }
            if (_indexOf.ContainsKey(column.Key))
            {
                _errors.Add(new(1, _headers[i], _headers[i], "column.duplicate",
                    new LocalText(Inv($"第{XlsxReader.ColumnName(i)}列“{_headers[i]}”与第{XlsxReader.ColumnName(_indexOf[column.Key])}列是同一项，表头中只能出现一次"),
                        Inv($"Column {XlsxReader.ColumnName(i)} '{_headers[i]}' repeats column {XlsxReader.ColumnName(_indexOf[column.Key])}; each field appears once"))));
                continue;
            }
            _columns[i] = column;
            _indexOf[column.Key] = i;
        }
        var renamed = unknown.Count == 0 ? new LocalText("", "") : new LocalText(
            "；文件中有未识别的列：" + string.Join("、", unknown.Select(u => $"“{u}”")) + "，是否改了列名？",
            "; the file has columns that are not in the template: " + string.Join(", ", unknown.Select(u => $"'{u}'")) + " — was a column renamed?");
        foreach (var required in RegistryTemplate.Fixed.Where(c => c.Required && !_indexOf.ContainsKey(c.Key)))
            _errors.Add(new(1, required.Zh, string.Empty, "column.missing",
                new LocalText(Inv($"缺少必填列“{required.Zh}”（英文表头“{required.En}”也可）{renamed.Zh}"), Inv($"The required column '{required.Zh}' ({required.En}) is missing{renamed.En}"))));
        if (_errors.Count > 0) return false;
        _householdColumns = [.. _columns.OfType<TemplateColumn>().Where(c => c.Scope != ColumnScope.Member)];
        for (var i = 0; i < _householdColumns.Count; i++) _slotOf[_householdColumns[i].Key] = i;
        _householdSlot = _columns.Select(c => c is null || c.Scope == ColumnScope.Member ? -1 : _householdColumns.IndexOf(c)).ToArray();
        _textCache = new Dictionary<string, (string, object?)>?[_householdColumns.Count];
        _numberCache = new Dictionary<string, (string, object?)>?[_householdColumns.Count];
        return true;
    }

    private string Cell(SheetRow row, string key, out SheetCell cell)
    {
        cell = _indexOf.TryGetValue(key, out var i) ? row[i] : default;
        return TextCleaner.Clean(cell.Text);
    }

    private void ReadRow(SheetRow row)
    {
        var number = CellParser.HouseholdNumber(row[_indexOf["number"]], out var numberFault);
        if (_writing && !grouped)
        {
            // Pass 2 of a file not grouped: the household was built in pass 1; only the member record is built.
            var household = number is null ? null : _byNumber.GetValueOrDefault(number);
            if (household is null) throw FileChanged(row.Number);
            _written = ReadMember(row);
            _writtenHousehold = household;
            return;
        }
        if (number is null)
        {
            Error(row.Number, "number", row[_indexOf["number"]].Text ?? string.Empty, numberFault!.Code, numberFault.Message);
            number = "?" + row.Number.ToString(CultureInfo.InvariantCulture); // a household of its own, so the row's other faults are still found
        }
        HouseholdDraft? draft;
        if (grouped)
        {
            // Only the household being read (and the batch being checked) is in memory.
            if (_current is not null && _current.Number == number) draft = _current;
            else
            {
                if (!_writing)
                {
                    if (_closedNumbers.Contains(NumberKey(number))) throw new UngroupedFileException();
                    if (_current is not null) Close(_current);
                    HouseholdCount++;
                }
                draft = _current = new HouseholdDraft(number, row.Number, _householdColumns.Count);
            }
        }
        else if (!_byNumber.TryGetValue(number, out draft))
        {
            draft = new HouseholdDraft(number, row.Number, _householdColumns.Count);
            _byNumber[number] = draft;
            Households.Add(draft);
            HouseholdCount++;
        }
        draft.Rows.Add(row.Number);

        // Household fields: the first value of each column stands; later rows may repeat it, not contradict it.
        for (var i = 0; i < _columns.Length; i++)
        {
            var slot = _householdSlot[i];
            if (slot < 0) continue;
            var text = TextCleaner.Clean(row[i].Text);
            if (text.Length == 0 || draft.Raw[slot] == text) continue;
            var column = _householdColumns[slot];
            // Parsed once per distinct text of the column: households repeat the same few values, and
            // they then share one string and one boxed value instead of holding a copy each.
            var cache = (row[i].IsNumber ? _numberCache : _textCache)[slot] ??= new Dictionary<string, (string, object?)>(StringComparer.Ordinal);
            object? value;
            if (cache.TryGetValue(text, out var known)) (text, value) = known;
            else
            {
                value = ParseHouseholdValue(column, row[i], text, out var fault);
                if (fault is not null)
                {
                    Error(row.Number, column.Key, row[i].Text, fault.Code, fault.Message);
                    continue;
                }
                if (cache.Count < SlotCacheSize) cache[text] = (text, value);
            }
            if (draft.Raw[slot] is null)
            {
                draft.Raw[slot] = text;
                draft.Values[slot] = value;
                draft.RowOf[slot] = row.Number;
            }
            else if (!Equals(value, draft.Values[slot]))
            {
                Error(row.Number, column.Key, row[i].Text, "household.contradiction",
                    new LocalText(Inv($"同一户（户编号 {number}）的{column.Zh}前后不一致：第{draft.RowOf[slot]}行填写的是“{draft.Raw[slot]}”，本行是“{text}”"),
                        Inv($"{column.En} differs within household {number}: row {draft.RowOf[slot]} says '{draft.Raw[slot]}', this row '{text}'")));
            }
        }
        var member = ReadMember(row);
        draft.People.Add(new MemberSummary(row.Number, member.Entity.Relation, member.Entity.Status, member.Entity.ResidentIdIndex));
        if (_writing || Writing) draft.Members.Add(member);
    }

    /// <summary>A household number as a 64-bit FNV-1a hash (stable, for the grouped-file check).</summary>
    private static ulong NumberKey(string number)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in number)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    private MemberDraft? _written;
    private HouseholdDraft? _writtenHousehold;

    private static InvalidOperationException FileChanged(int row) =>
        new(Inv($"Row {row} of the import file differs between the check and the write: the file changed during the import. Nothing was stored."));

    private static object? ParseHouseholdValue(TemplateColumn column, SheetCell cell, string text, out CellParser.Fault? fault)
    {
        fault = null;
        switch (column.Key)
        {
            case "township": case "village": case "group": case "phone":
                return text;
            case "registrationYear": case "exitYear":
                return CellParser.Int(text, column.Name, out fault);
            case "registeredOn": case "exitedOn":
                return CellParser.Date(cell, text, column.Name, out fault);
            case "standard": return CellParser.Code(text, Codes.Standards, out fault);
            case "attribute": return CellParser.Code(text, Codes.Attributes, out fault);
            case "mainCause": case "otherCause1": case "otherCause2": return CellParser.Code(text, Codes.Causes, out fault);
            case "housing": return CellParser.Code(text, Codes.Housings, out fault);
            case "entryRoad": return CellParser.Code(text, Codes.EntryRoads, out fault);
            case "mainFuel": return CellParser.Code(text, Codes.Fuels, out fault);
            case "status": return CellParser.Code(text, Codes.Statuses, out fault);
            case "housingArea": case "distanceToMainRoadKm": return CellParser.Decimal(text, column.Name, out fault);
            case "isAdobeHouse": case "hasLivingPower": case "hasProductionPower": case "drinkingWaterDifficult":
            case "drinkingWaterSafe": case "hasSanitaryToilet": case "inCooperative":
                return CellParser.Bool(text, column.Name, out fault);
        }
        if (column.Scope == ColumnScope.Income)
            return column.Part == "HouseholdSize" ? CellParser.Int(text, column.Name, out fault) : CellParser.Decimal(text, column.Name, out fault);
        return text;
    }

    private MemberDraft ReadMember(SheetRow row)
    {
        var member = new Member { Id = Guid.CreateVersion7(), Name = string.Empty, ResidentIdCipher = string.Empty, ResidentIdIndex = string.Empty };
        var draft = new MemberDraft(row.Number, member);
        var faults = new List<(string Key, string Value, CellParser.Fault Fault)>();

        member.Name = Cell(row, "name", out _);
        var idCell = row[_indexOf["residentId"]];
        var idText = CellParser.ResidentId(idCell, out var idFault);
        if (idFault is not null) faults.Add(("residentId", idCell.Text, idFault));

        var sexText = Cell(row, "sex", out _);
        Sex? sex = sexText.Length == 0 ? null : CellParser.Code(sexText, Codes.Sexes, out var f1) is { } s ? s : Fail<Sex>(faults, "sex", sexText, f1);
        var birthText = Cell(row, "birthDate", out var birthCell);
        DateOnly? birth = birthText.Length == 0 ? null : CellParser.Date(birthCell, birthText, new LocalText("出生日期", "Birth date"), out var f2) is { } b ? b : Fail<DateOnly>(faults, "birthDate", birthText, f2);

        T? Code<T>(string key, CodeList<T> list) where T : struct
        {
            var text = Cell(row, key, out _);
            if (text.Length == 0) return null;
            var value = CellParser.Code(text, list, out var fault);
            if (fault is not null) faults.Add((key, text, fault));
            return value;
        }
        int? Int(string key, LocalText name)
        {
            var text = Cell(row, key, out _);
            if (text.Length == 0) return null;
            var value = CellParser.Int(text, name, out var fault);
            if (fault is not null) faults.Add((key, text, fault));
            return value;
        }
        bool? Bool(string key, LocalText name)
        {
            var text = Cell(row, key, out _);
            if (text.Length == 0) return null;
            var value = CellParser.Bool(text, name, out var fault);
            if (fault is not null) faults.Add((key, text, fault));
            return value;
        }

        var relationText = Cell(row, "relation", out _);
        if (relationText.Length == 0)
            faults.Add(("relation", relationText, new CellParser.Fault("member.relation_required", new LocalText("与户主关系不能为空", "The relation to the head is required"))));
        else if (Code("relation", Codes.Relations) is { } relation) member.Relation = relation;
        var ethnicityText = Cell(row, "ethnicity", out _);
        if (ethnicityText.Length > 0)
        {
            var ethnicity = CellParser.Ethnicity(ethnicityText, out var fe);
            if (fe is not null) faults.Add(("ethnicity", ethnicityText, fe));
            else member.EthnicityCode = ethnicity!;
        }
        member.Education = Code("education", Codes.Educations) ?? Education.Primary;
        member.Schooling = Code("schooling", Codes.Schoolings) ?? Schooling.NotInSchool;
        member.Health = Code("health", Codes.Healths) ?? Health.Healthy;
        member.DisabilityGrade = Int("disabilityGrade", new LocalText("残疾等级", "Disability grade"));
        member.Labour = Code("labour", Codes.LabourSkills) ?? LabourSkill.Ordinary;
        member.MigrantWork = Code("migrantWork", Codes.MigrantWorks);
        member.MigrantMonths = Int("migrantMonths", new LocalText("务工时间", "Months of migrant work"));
        member.MedicalInsurance = Bool("medicalInsurance", new LocalText("是否参加基本医疗保险", "Basic medical insurance")) ?? false;
        member.PensionInsurance = Bool("pensionInsurance", new LocalText("是否参加基本养老保险", "Basic pension insurance")) ?? false;
        member.Status = Code("memberStatus", Codes.MemberStatuses) ?? MemberStatus.Present;

        // Sex and birth date may be left out: the resident ID says them.
        if (idText is not null && ResidentId.TryParse(idText, out var parsed))
        {
            sex ??= parsed.Sex;
            birth ??= parsed.BirthDate;
        }
        member.Sex = sex ?? Sex.Male;
        member.BirthDate = birth ?? default;

        foreach (var p in RegistryRules.CheckMember("m.", member))
        {
            // Codes already reported as unparsable are not reported twice.
            var key = MemberKey(p.Field);
            if (faults.Any(f => f.Key == key)) continue;
            faults.Add((key, Cell(row, key, out _), new CellParser.Fault(p.Code, p.Message)));
        }
        if (idText is not null)
        {
            var identity = RegistryRules.CheckIdentity("m.", idText, member.Sex, member.BirthDate, today, out var id);
            foreach (var p in identity)
            {
                var key = MemberKey(p.Field);
                if (faults.Any(f => f.Key == key)) continue;
                // A stated sex or birth date is what disagrees; if it was left blank the ID was the source.
                faults.Add((key, key == "residentId" ? idCell.Text : Cell(row, key, out _), new CellParser.Fault(p.Code, p.Message)));
            }
            if (!identity.Any(p => p.Code == "resident_id.invalid"))
            {
                draft.ResidentId = id.Value;
                // Not kept per row: only its 32 bytes, for the duplicate check (the fallback's pass 2 makes it again).
                Timings["blind index (in parse)"].Start();
                member.ResidentIdIndex = protector.Index(id.Value);
                Timings["blind index (in parse)"].Stop();
                if (!_writing)
                {
                    var key = BlindKey.Of(member.ResidentIdIndex);
                    if (_rowOfIndex.TryGetValue(key, out var first))
                        faults.Add(("residentId", idCell.Text, new CellParser.Fault("member.duplicate_in_file",
                            new LocalText(Inv($"证件号码与第{first}行重复：同一人在文件中只能出现一次"), Inv($"The resident ID repeats row {first}: a person appears once in the file")))));
                    else
                    {
                        _rowOfIndex[key] = row.Number;
                        _pendingIds.Add((member.ResidentIdIndex, id.Value));
                    }
                }
            }
        }
        if (_writing && faults.Count > 0) throw FileChanged(row.Number);
        foreach (var (key, value, fault) in faults) Error(row.Number, key, value, fault.Code, fault.Message);
        draft.Valid = faults.Count == 0;
        return draft;
    }

    private static T? Fail<T>(List<(string, string, CellParser.Fault)> faults, string key, string text, CellParser.Fault? fault) where T : struct
    {
        if (fault is not null) faults.Add((key, text, fault));
        return null;
    }

    private static string MemberKey(string field)
    {
        var key = field.StartsWith("m.", StringComparison.Ordinal) ? field[2..] : field;
        return key == "status" ? "memberStatus" : key;
    }

    // ---- Checking the households ----

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
                var group = FindGroup(village.Id, groupText);
                if (group is null && !_groups[village.Id].Any())
                {
                    // A village without any group yet (a county's first import): the file's groups are created.
                    group = new VillageGroup { Id = Guid.CreateVersion7(), VillageId = village.Id, Name = groupText, Number = GroupNumber(groupText) ?? Unnumbered() };
                    AddNewGroup(group);
                }
                if (group is null)
                    Error(RowOf(h, "group", headRow), "group", groupText, "place.unknown_group",
                        new LocalText(Inv($"{village.Name}没有名为“{groupText}”的村民小组，该村的小组有：{string.Join("、", _groups[village.Id].OrderBy(g => g.Number).Select(g => g.Name))}"),
                            Inv($"{village.Name} has no village group '{groupText}'; its groups are: {string.Join(", ", _groups[village.Id].OrderBy(g => g.Number).Select(g => g.Name))}")));
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
        var text = RawOf(h, "village");
        var row = RowOf(h, "village", headRow);
        if (text.Length == 0)
        {
            Error(row, "village", string.Empty, "place.village_required", new LocalText("户主行须填写行政村（村名或12位村代码）", "The head's row needs the village (name or 12-digit code)"));
            return null;
        }
        var townshipText = RawOf(h, "township");
        Township? township = null;
        if (townshipText.Length > 0)
        {
            township = _townships.Values.FirstOrDefault(t => t.Code == townshipText || t.Name == townshipText);
            if (township is null)
            {
                Error(RowOf(h, "township", headRow), "township", townshipText, "place.unknown_township",
                    new LocalText(Inv($"本县没有名为“{townshipText}”的乡镇（可填乡镇名或9位代码）"), Inv($"No township '{townshipText}' in the county (name or 9-digit code)")));
                return null;
            }
        }
        List<Village> matches;
        if (text.Length == 12 && text.All(char.IsAsciiDigit))
            matches = _villagesByCode[text].ToList();
        else
            matches = _villagesByName[text].ToList();
        if (township is not null && matches.Count > 0)
        {
            var inTownship = matches.Where(v => v.TownshipId == township.Id).ToList();
            if (inTownship.Count == 0)
            {
                Error(row, "village", text, "place.village_not_in_township",
                    new LocalText(Inv($"“{text}”不属于{township.Name}"), Inv($"'{text}' is not in {township.Name}")));
                return null;
            }
            matches = inTownship;
        }
        if (matches.Count == 0)
        {
            Error(row, "village", text, "place.unknown_village",
                new LocalText(Inv($"本县没有名称或代码为“{text}”的村（社区）"), Inv($"No village with the name or code '{text}' in the county")));
            return null;
        }
        if (matches.Count > 1)
        {
            Error(row, "village", text, "place.ambiguous_village",
                new LocalText(Inv($"有{matches.Count}个村名为“{text}”（{string.Join("、", matches.Select(v => _townships[v.TownshipId].Name))}），请填写乡镇或12位村代码"),
                    Inv($"{matches.Count} villages are called '{text}'; give the township or the 12-digit village code")));
            return null;
        }
        var village = matches[0];
        if (!db.Actor.Scope.Covers(village.CountyId, village.TownshipId, village.Id))
        {
            Error(row, "village", text, "place.outside_area",
                new LocalText(Inv($"{_townships[village.TownshipId].Name}{village.Name}不在您的管辖范围内，不能导入"), Inv($"{village.Name} ({_townships[village.TownshipId].Name}) is outside your area; you cannot import into it")));
            return null;
        }
        return village;
    }

    private readonly List<VillageGroup> _newGroups = [];
    private readonly Dictionary<(Guid Village, string Name), VillageGroup> _newGroupByName = [];

    private void AddNewGroup(VillageGroup group)
    {
        _newGroups.Add(group);
        _newGroupByName[(group.VillageId, group.Name)] = group;
        _newGroupVillages.Add(group.VillageId);
    }

    private readonly HashSet<Guid> _newGroupVillages = [];

    private VillageGroup? FindGroup(Guid villageId, string text)
    {
        // Hashed: a county's first import creates thousands of groups, looked up once per household.
        if (_newGroupByName.TryGetValue((villageId, text), out var created)) return created;
        if (_newGroupVillages.Contains(villageId))
        {
            // The village's groups come from this file: a new name is one more group.
            var group = new VillageGroup { Id = Guid.CreateVersion7(), VillageId = villageId, Name = text, Number = GroupNumber(text) ?? Unnumbered() };
            AddNewGroup(group);
            return group;
        }
        var groups = _groups[villageId];
        var number = GroupNumber(text);
        return groups.FirstOrDefault(g => g.Name == text) ?? (number is { } n ? groups.FirstOrDefault(g => g.Number == n) : null);
    }

    /// <summary>"3", "3组", "三组", "十二组" → the group's number.</summary>
    public static int? GroupNumber(string text)
    {
        var t = text.Trim().TrimEnd('组').Replace("第", "", StringComparison.Ordinal).Replace("村民小", "", StringComparison.Ordinal);
        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        const string digits = "零一二三四五六七八九";
        if (t.Length == 0) return null;
        if (t.Length == 1 && digits.Contains(t[0])) return digits.IndexOf(t[0]);
        var ten = t.IndexOf('十');
        if (ten < 0 || t.Length > 3) return null;
        var tens = ten == 0 ? 1 : digits.IndexOf(t[0]);
        var units = ten == t.Length - 1 ? 0 : digits.IndexOf(t[^1]);
        return tens < 0 || units < 0 ? null : tens * 10 + units;
    }

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
        var date = h.ExitedOn ?? today;
        if (_window.Check(EventKindOf(household.Status), date) is { } outside)
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

    // ---- Writing ----

    /// <summary>
    /// Pass 2 of a file whose households are not grouped: writes everything in one transaction (rolled
    /// back by any failure, so the database is unchanged); the members of new households stream from the
    /// file to the bulk writer in batches.
    /// Returns the number of members written.
    /// </summary>
    public async Task<int> WriteAsync(IEnumerable<SheetRow> rows, string fileName, DateTime now, CancellationToken ct)
    {
        var batch = Guid.CreateVersion7();
        var fresh = Households.Where(h => h.Existing is null).ToList();
        var updates = Households.Where(h => h.Existing is not null).ToList();
        var households = new List<Household>(fresh.Count);
        var incomes = new List<HouseholdIncome>();
        var changes = new List<HouseholdStatusChange>();
        var recordedBy = db.Actor.UserName;
        var encrypt = Timings["encrypt and build entities"];
        encrypt.Start();
        foreach (var h in fresh)
        {
            var e = h.Entity!;
            e.BatchId = batch;
            e.CreatedAt = e.UpdatedAt = now;
            e.PhoneCipher = h.Phone is null ? null : protector.Protect(h.Phone);
            households.Add(e);
            incomes.AddRange(h.Incomes);
            changes.AddRange(History(h, e, recordedBy, now));
        }

        NumberNewGroups();
        encrypt.Stop();
        var write = Timings["bulk write"];
        write.Start();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, _newGroups, ct);
        await BulkWriter.InsertAsync(db, households, ct);
        write.Stop();
        var members = await StreamMembersAsync(rows, now, ct);
        write.Start();
        await BulkWriter.InsertAsync(db, incomes, ct);
        await BulkWriter.InsertAsync(db, changes, ct);
        write.Stop();
        if (fresh.Count > 0)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                Id = batch,
                At = now,
                UserId = db.Actor.UserId,
                UserName = recordedBy,
                Action = AuditAction.Bulk,
                EntityType = "Household",
                EntityId = batch,
                Changes = JsonSerializer.Serialize(new { source = "import", file = fileName, villageGroups = _newGroups.Count, households = households.Count, members, incomes = incomes.Count, statusChanges = changes.Count }),
                Reason = $"导入文件 {fileName}",
                CorrelationId = batch,
            });
        }
        var written = members;
        if (updates.Count > 0) written += await UpdateAsync(updates, fileName, now, ct);
        db.ChangeReason = $"导入文件 {fileName}（更新模式）";
        Timings["save and commit"].Start();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Timings["save and commit"].Stop();
        Timings["analyze"].Start();
        if (members > 5000) await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        Timings["analyze"].Stop();
        return written;
    }

    /// <summary>
    /// Numbers for created groups that had none in their name: after the village's highest. Until then
    /// they carry a provisional number below zero (unique, as the village's group numbers must be).
    /// Returns the groups numbered.
    /// </summary>
    private List<VillageGroup> NumberNewGroups()
    {
        var numbered = new List<VillageGroup>();
        foreach (var village in _newGroups.GroupBy(g => g.VillageId))
        {
            var next = Math.Max(0, village.Max(g => g.Number));
            foreach (var g in village.Where(g => g.Number <= 0))
            {
                g.Number = ++next;
                numbered.Add(g);
            }
        }
        return numbered;
    }

    private int Unnumbered() => -++_unnumbered;

    private int _unnumbered;

    // ---- Writing while reading (grouped files) ----

    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _transaction;
    private Task _pending = Task.CompletedTask;
    private bool _stream;
    private Guid _batch;
    private DateTime _now;
    private string _fileName = string.Empty;
    private int _groupsWritten, _householdsWritten, _membersWritten, _incomesWritten, _changesWritten;
    private readonly List<HouseholdDraft> _updates = [];

    /// <summary>Checked households are written as long as no row has been rejected.</summary>
    private bool Writing => _stream && _errors.Count == 0;

    /// <summary>Opens the transaction that the checked households are written in, batch by batch.</summary>
    public async Task BeginWritingAsync(string fileName, DateTime now, CancellationToken ct)
    {
        _transaction = await db.Database.BeginTransactionAsync(ct);
        _stream = true;
        _batch = Guid.CreateVersion7();
        _now = now;
        _fileName = fileName;
    }

    /// <summary>
    /// A check batch found faultless: its records are built and handed to a writer task, which encrypts
    /// the IDs and phone numbers and inserts groups, households, members, incomes and history while the
    /// next batch is read and checked. Registered households (update mode) are kept for the tracked
    /// update at the end.
    /// </summary>
    private void Queue(List<HouseholdDraft> closed, CancellationToken ct)
    {
        var build = Timings["build entities"];
        build.Start();
        var recordedBy = db.Actor.UserName;
        var groups = _newGroups.GetRange(_groupsWritten, _newGroups.Count - _groupsWritten);
        _groupsWritten = _newGroups.Count;
        var households = new List<Household>(closed.Count);
        var phones = new List<(Household Household, string Phone)>();
        var members = new List<MemberDraft>(closed.Count * 4);
        var incomes = new List<HouseholdIncome>(closed.Count * 4);
        var changes = new List<HouseholdStatusChange>(closed.Count * 2);
        foreach (var h in closed)
        {
            var e = h.Entity!;
            if (h.Existing is not null)
            {
                foreach (var m in h.Members)
                    if (_taken.TryGetValue(m.Entity.ResidentIdIndex, out var same) && same.Household == h.Existing.Id)
                        m.ExistingId = same.Member;
                h.DropFields();
                h.People.Clear();
                _updates.Add(h);
                continue;
            }
            e.BatchId = _batch;
            e.CreatedAt = e.UpdatedAt = _now;
            if (h.Phone is not null) phones.Add((e, h.Phone));
            households.Add(e);
            incomes.AddRange(h.Incomes);
            changes.AddRange(History(h, e, recordedBy, _now));
            foreach (var m in h.Members)
            {
                e.Adopt(m.Entity);
                m.Entity.CreatedAt = m.Entity.UpdatedAt = _now;
                members.Add(m);
            }
        }
        build.Stop();
        // From now on the database answers for these rows: an ID or household number of theirs that comes
        // again is found by the registry lookup. The household being read stays (its rows are not written yet).
        _rowOfIndex.Clear();
        _closedNumbers.Clear();
        foreach (var p in _current?.People ?? [])
            if (p.Index.Length > 0) _rowOfIndex.TryAdd(BlindKey.Of(p.Index), p.Row);
        _householdsWritten += households.Count;
        _membersWritten += members.Count;
        _incomesWritten += incomes.Count;
        _changesWritten += changes.Count;
        var write = Timings["encrypt and bulk write (beside the checks)"];
        _pending = Task.Run(async () =>
        {
            write.Start();
            foreach (var (household, phone) in phones) household.PhoneCipher = protector.Protect(phone);
            var entities = new List<Member>(members.Count);
            foreach (var m in members)
            {
                m.Entity.ResidentIdCipher = protector.Protect(m.ResidentId!);
                entities.Add(m.Entity);
            }
            await BulkWriter.InsertAsync(db, groups, ct);
            await BulkWriter.InsertAsync(db, households, ct);
            await BulkWriter.InsertAsync(db, entities, ct);
            await BulkWriter.InsertAsync(db, incomes, ct);
            await BulkWriter.InsertAsync(db, changes, ct);
            write.Stop();
        }, ct);
    }

    /// <summary>
    /// The whole file was found faultless: the last batch is awaited, created groups get their numbers,
    /// the batch is audited, registered households are updated (update mode), and all is committed.
    /// Returns the members written.
    /// </summary>
    public async Task<int> FinishAsync(CancellationToken ct)
    {
        await _pending;
        Timings["save and commit"].Start();
        foreach (var g in NumberNewGroups())
        {
            var number = g.Number;
            await db.VillageGroups.Where(x => x.Id == g.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Number, number), ct);
        }
        if (_householdsWritten > 0)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                Id = _batch,
                At = _now,
                UserId = db.Actor.UserId,
                UserName = db.Actor.UserName,
                Action = AuditAction.Bulk,
                EntityType = "Household",
                EntityId = _batch,
                Changes = JsonSerializer.Serialize(new { source = "import", file = _fileName, villageGroups = _newGroups.Count, households = _householdsWritten, members = _membersWritten, incomes = _incomesWritten, statusChanges = _changesWritten }),
                Reason = $"导入文件 {_fileName}",
                CorrelationId = _batch,
            });
        }
        var written = _membersWritten;
        if (_updates.Count > 0) written += await UpdateAsync(_updates, _fileName, _now, ct);
        db.ChangeReason = $"导入文件 {_fileName}（更新模式）";
        await db.SaveChangesAsync(ct);
        await _transaction!.CommitAsync(ct);
        Timings["save and commit"].Stop();
        Timings["analyze"].Start();
        if (_membersWritten > 5000) await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        Timings["analyze"].Stop();
        return written;
    }

    /// <summary>Ends the write in flight, then rolls the transaction back unless it was committed.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _pending;
        }
        catch (Exception)
        {
            // The failure that ends the import is the one being reported.
        }
        _pending = Task.CompletedTask;
        _stream = false;
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    /// <summary>
    /// Reads the file again: the members of new households go to the database in batches, those of
    /// registered households (update mode) are kept for the tracked update. Returns the members inserted.
    /// </summary>
    private async Task<int> StreamMembersAsync(IEnumerable<SheetRow> rows, DateTime now, CancellationToken ct)
    {
        _writing = true;
        var buffer = new List<Member>(WriteBatch);
        var inserted = 0;
        var seen = 0;
        var read = Timings["pass 2: read file"];
        var parse = Timings["pass 2: parse rows, encrypt IDs"];
        var write = Timings["bulk write"];
        var header = true;
        foreach (var row in Timings.Time(rows, read))
        {
            if (header) { header = false; continue; }
            if (row.IsBlank) continue;
            parse.Start();
            ReadRow(row);
            var (draft, household) = (_written!, _writtenHousehold!);
            seen++;
            if (household.Existing is not null)
            {
                if (_taken.TryGetValue(draft.Entity.ResidentIdIndex, out var same) && same.Household == household.Existing.Id)
                    draft.ExistingId = same.Member;
                household.Members.Add(draft);
                parse.Stop();
                continue;
            }
            var member = draft.Entity;
            household.Entity!.Adopt(member);
            member.ResidentIdCipher = protector.Protect(draft.ResidentId!);
            member.CreatedAt = member.UpdatedAt = now;
            buffer.Add(member);
            parse.Stop();
            if (buffer.Count < WriteBatch) continue;
            write.Start();
            await BulkWriter.InsertAsync(db, buffer, ct);
            write.Stop();
            inserted += buffer.Count;
            buffer.Clear();
            ct.ThrowIfCancellationRequested();
        }
        write.Start();
        await BulkWriter.InsertAsync(db, buffer, ct);
        write.Stop();
        inserted += buffer.Count;
        if (seen != RowCount) throw FileChanged(0);
        return inserted;
    }

    /// <summary>The date of a new household's registration event: the one stated, else 31 December of its registration year, or today for this year's.</summary>
    private DateOnly RegisteredOn(HouseholdDraft h, Household e) => h.RegisteredOn ?? (e.RegistrationYear >= today.Year ? today : new DateOnly(e.RegistrationYear, 12, 31));

    private IEnumerable<HouseholdStatusChange> History(HouseholdDraft h, Household e, string recordedBy, DateTime now)
    {
        var registered = RegisteredOn(h, e);
        yield return new HouseholdStatusChange
        {
            Id = Guid.CreateVersion7(), HouseholdId = e.Id, Kind = HouseholdEventKind.Registration, Sequence = 1, SizeAfter = e.Size,
            Date = registered, From = null, To = HouseholdStatus.NotExited,
            Reason = "导入登记", RecordedBy = recordedBy, RecordedAt = now,
        };
        if (e.Status == HouseholdStatus.NotExited) yield break;
        var date = h.ExitedOn ?? (e.ExitYear is { } y && y < today.Year ? new DateOnly(y, 12, 31) : today);
        yield return new HouseholdStatusChange
        {
            Id = Guid.CreateVersion7(), HouseholdId = e.Id, Kind = EventKindOf(e.Status), Sequence = 2, SizeAfter = e.Size,
            Date = date, From = HouseholdStatus.NotExited, To = e.Status,
            Year = e.Status == HouseholdStatus.Exited ? e.ExitYear : null, Reason = "导入时的状态", RecordedBy = recordedBy, RecordedAt = now,
        };
    }

    /// <summary>The event that brings a household to a status (动态管理的事项).</summary>
    private static HouseholdEventKind EventKindOf(HouseholdStatus status) => status switch
    {
        HouseholdStatus.Exited => HouseholdEventKind.Exit,
        HouseholdStatus.Returned => HouseholdEventKind.ReturnToPoverty,
        HouseholdStatus.Removed => HouseholdEventKind.Removal,
        _ => HouseholdEventKind.Correction,
    };

    /// <summary>Update mode: tracked changes, so that each field change is audited as an edit in the UI would be.</summary>
    private async Task<int> UpdateAsync(List<HouseholdDraft> updates, string fileName, DateTime now, CancellationToken ct)
    {
        var written = 0;
        foreach (var chunk in updates.Chunk(500))
        {
            var ids = chunk.Select(h => h.Existing!.Id).ToList();
            var loaded = await db.Households.Include(h => h.Members).Include(h => h.Incomes)
                .Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
            foreach (var draft in chunk)
            {
                var target = loaded[draft.Existing!.Id];
                var source = draft.Entity!;
                var fromStatus = target.Status;
                target.GroupId = source.GroupId;
                target.RegistrationYear = source.RegistrationYear;
                target.Standard = source.Standard;
                target.Attribute = source.Attribute;
                target.MainCause = source.MainCause;
                target.OtherCause1 = source.OtherCause1;
                target.OtherCause2 = source.OtherCause2;
                target.Housing = source.Housing;
                target.HousingArea = source.HousingArea;
                target.IsAdobeHouse = source.IsAdobeHouse;
                target.HasLivingPower = source.HasLivingPower;
                target.HasProductionPower = source.HasProductionPower;
                target.DrinkingWaterDifficult = source.DrinkingWaterDifficult;
                target.DrinkingWaterSafe = source.DrinkingWaterSafe;
                target.HasSanitaryToilet = source.HasSanitaryToilet;
                target.DistanceToMainRoadKm = source.DistanceToMainRoadKm;
                target.EntryRoad = source.EntryRoad;
                target.MainFuel = source.MainFuel;
                target.InCooperative = source.InCooperative;
                target.Status = source.Status;
                target.ExitYear = source.ExitYear;
                var currentPhone = target.PhoneCipher is null ? null : protector.Unprotect(target.PhoneCipher);
                if (currentPhone != draft.Phone) target.PhoneCipher = draft.Phone is null ? null : protector.Protect(draft.Phone);
                foreach (var m in draft.Members)
                {
                    var existing = m.ExistingId is { } id ? target.Members.FirstOrDefault(x => x.Id == id) : null;
                    if (existing is null)
                    {
                        var fresh = m.Entity;
                        target.Adopt(fresh);
                        fresh.ResidentIdCipher = protector.Protect(m.ResidentId!);
                        db.Set<Member>().Add(fresh);
                        if (!target.Members.Contains(fresh)) target.Members.Add(fresh); // EF usually fixes the navigation up itself
                    }
                    else
                    {
                        var s = m.Entity;
                        existing.Name = s.Name; existing.Sex = s.Sex; existing.BirthDate = s.BirthDate; existing.Relation = s.Relation;
                        existing.EthnicityCode = s.EthnicityCode; existing.Education = s.Education; existing.Schooling = s.Schooling;
                        existing.Health = s.Health; existing.DisabilityGrade = s.DisabilityGrade; existing.Labour = s.Labour;
                        existing.MigrantWork = s.MigrantWork; existing.MigrantMonths = s.MigrantMonths;
                        existing.MedicalInsurance = s.MedicalInsurance; existing.PensionInsurance = s.PensionInsurance; existing.Status = s.Status;
                    }
                    written++;
                }
                foreach (var income in draft.Incomes)
                {
                    var existing = target.Incomes.FirstOrDefault(i => i.Year == income.Year);
                    if (existing is null)
                    {
                        income.HouseholdId = target.Id;
                        db.Set<HouseholdIncome>().Add(income);
                        continue;
                    }
                    foreach (var (field, amount) in income.Parts())
                        typeof(HouseholdIncome).GetProperty(field)!.SetValue(existing, amount);
                    existing.HouseholdSize = income.HouseholdSize;
                }
                target.CountMembers();
                if (fromStatus != target.Status)
                {
                    var last = await HouseholdEvents.LastAsync(db, target.Id, ct);
                    var date = draft.ExitedOn ?? today;
                    HouseholdEvents.Append(db, target, last, EventKindOf(target.Status),
                        last is { } previous && previous.Date > date ? previous.Date : date, fromStatus, $"导入文件 {fileName}（更新模式）");
                }
                // Version is bookkeeping (not audited on its own): it only makes open edit forms of these households stale.
                target.Version++;
            }
        }
        return written;
    }
}

/// <summary>A member as the checks keep it: its row, what the head rule needs, and the ID's blind index ("" when the ID is invalid).</summary>
internal readonly record struct MemberSummary(int Row, Relation Relation, MemberStatus Status, string Index);

/// <summary>
/// A blind index as its 32 bytes (the HMAC-SHA256 in base64url that PersonalDataProtector makes), for the
/// duplicate check; an index of another form is reduced to its SHA-256, so equality stays exact.
/// </summary>
internal readonly struct BlindKey(ulong a, ulong b, ulong c, ulong d) : IEquatable<BlindKey>
{
    private readonly ulong _a = a, _b = b, _c = c, _d = d;

    public static BlindKey Of(string index)
    {
        Span<byte> bytes = stackalloc byte[32];
        if (index.Length != 43 || !System.Buffers.Text.Base64Url.TryDecodeFromChars(index, bytes, out var written) || written != 32)
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(index), bytes);
        return new BlindKey(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }

    public bool Equals(BlindKey other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is BlindKey other && Equals(other);

    // The bytes are a keyed hash already: any 32 of them spread evenly.
    public override int GetHashCode() => (int)_a;
}

/// <summary>A resident ID of the file that the registry already holds, and the ID as the file gives it (for the message).</summary>
internal sealed record TakenId(Guid Household, Guid Member, string ResidentId, string? EarlierInFile = null);

/// <summary>The one pass found a household whose rows are not together; the import starts again keeping every household's fields.</summary>
internal sealed class UngroupedFileException : Exception;

/// <summary>The check found <see cref="ImportRun.MaxErrors"/> reasons and stopped at this row.</summary>
internal sealed class TooManyErrorsException(int row) : Exception
{
    public int Row { get; } = row;
}

internal sealed record ExistingHousehold(Guid Id, Guid CountyId, Guid TownshipId, Guid VillageId, HouseholdStatus Status, int? ExitYear);

internal sealed class HouseholdDraft(string number, int firstRow, int columns)
{
    public string Number { get; } = number;

    public int FirstRow { get; } = firstRow;

    public List<int> Rows { get; } = [];

    public string?[] Raw { get; private set; } = new string?[columns];

    public object?[] Values { get; private set; } = new object?[columns];

    public int[] RowOf { get; private set; } = new int[columns];

    /// <summary>All its rows have been read (grouped files: the next row is another household's).</summary>
    public bool Closed { get; set; }

    /// <summary>After the check: the raw fields are not needed any more (the record is built).</summary>
    public void DropFields()
    {
        Raw = [];
        Values = [];
        RowOf = [];
        Rows.Clear();
        Rows.TrimExcess();
    }

    /// <summary>What the checks across rows need of each member.</summary>
    public List<MemberSummary> People { get; } = [];

    /// <summary>The members read: written with the household, or (registered households, update mode) kept for the tracked update.</summary>
    public List<MemberDraft> Members { get; } = [];

    public List<HouseholdIncome> Incomes { get; } = [];

    public Household? Entity { get; set; }

    public string? Phone { get; set; }

    public DateOnly? RegisteredOn { get; set; }

    public DateOnly? ExitedOn { get; set; }

    public ExistingHousehold? Existing { get; set; }
}

internal sealed class MemberDraft(int row, Member entity)
{
    public int Row { get; } = row;

    public Member Entity { get; } = entity;

    public string? ResidentId { get; set; }

    public Guid? ExistingId { get; set; }

    public bool Valid { get; set; }
}
