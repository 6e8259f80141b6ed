using System.Diagnostics;
using System.Globalization;

using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

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

    /// <summary>
    /// One reason a row was rejected. Row is the spreadsheet's row number (the template's header is row 1);
    /// Sheet names the sheet in a workbook of several sheets (null in a CSV file or a one-sheet workbook).
    /// </summary>
    public sealed record RowError(int Row, string Column, string Value, string Code, LocalText Message, string? Sheet = null)
    {
        /// <summary>"第 5 行" or "工作表“一村”第 5 行".</summary>
        public LocalText Where => SheetTable.Where(Sheet, Row, Row);
    }

    /// <summary>Skipped: the rows and sheets that are not data (titles, blank rows, totals, footers, instruction sheets), with their reasons.</summary>
    public sealed record Result(int Rows, int Households, int Accepted, int Rejected, IReadOnlyList<RowError> Errors,
        bool Stored, int Created, int Updated, int MembersWritten, TimeSpan Elapsed, IReadOnlyList<SkippedRow>? Skipped = null)
    {
        public bool Ok => Errors.Count == 0;

        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<SkippedRow> SkippedRows => Skipped ?? [];
    }

    /// <summary>The columns a header row of a registry file is recognised by (two of the template's names).</summary>
    public static bool IsColumn(string header) => RegistryTemplate.Find(header) is not null;

    private static SheetTable Table(Stream source, SheetFormat format) => new(source, format, IsColumn, minColumns: 2);

    public async Task<Result> HandleAsync(Stream stream, string fileName, Options options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var format = SheetFormats.FromFileName(fileName) ?? throw new InvalidRequestException([new Problem("file", "import.format", SheetFormats.OnlyImportable(fileName))]);
        if (!options.DryRun) RegistryMapping.RequireWriter(database.Actor);
        var watch = Stopwatch.StartNew();
        await using var db = database.Open();
        var today = database.Clock.Today();
        var name = Path.GetFileName(fileName);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        // The file is read twice only when its households are not grouped, but it has to be seekable for
        // that: an upload stream is buffered to a temporary file, never to memory.
        await using var buffered = stream.CanSeek ? null : await BufferAsync(stream, ct);
        var source = buffered ?? stream;
        var start = source.Position;
        if (format == SheetFormat.Xls && source.Length - start > XlsReader.MaxBytes)
            throw new InvalidRequestException([new Problem("file", "sheet.xls_size", SheetLimits.XlsTooLarge(XlsReader.MaxBytes).Text)]);
        // Each reading of the file is its own table (the last one read says what was skipped).
        var table = Table(source, format);
        IEnumerable<SheetRow> Rows()
        {
            source.Position = start;
            table = Table(source, format);
            return table.Rows();
        }
        LocalText Where(int line) => table.Locate(line) is ({ } sheet, var row)
            ? new LocalText(Inv($"工作表“{sheet}”第{row}行"), Inv($"sheet '{sheet}', row {row}"))
            : new LocalText(Inv($"第{line}行"), Inv($"row {line}"));
        var run = new ImportRun(db, database.Protector, today, options, Where);
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
                return TooMany(run, table, e.Row, watch.Elapsed);
            }
            catch (UngroupedFileException)
            {
                // A household's rows are not together in the file: what was written is rolled back, and
                // the file is checked again keeping every household's fields to the end, then written in
                // a second pass (memory then grows with the file).
                await run.DisposeAsync();
                run = new ImportRun(db, database.Protector, today, options, Where, grouped: false);
                await run.LoadPlacesAsync(ct);
                try
                {
                    await run.ReadAllAsync(Rows(), progress, ct);
                }
                catch (TooManyErrorsException e)
                {
                    return TooMany(run, table, e.Row, watch.Elapsed);
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
            var errors = SheetFaults(table);
            errors.AddRange(run.SortedErrors());
            if (stoppedAt is { } last)
                errors.Add(StoppedAt(last));
            var rejectedRows = Rejected(errors, table);
            var skipped = table.Skipped.ToList();
            errors = Located(errors, table);
            var stored = false;
            var written = 0;
            if (errors.Count == 0 && !options.DryRun && run.HouseholdCount > 0)
            {
                written = run.Grouped ? await run.FinishAsync(ct) : await run.WriteAsync(Rows(), name, now, ct);
                stored = true;
            }
            return new Result(run.RowCount, run.HouseholdCount, run.RowCount - rejectedRows, rejectedRows, errors, stored,
                run.HouseholdCount - run.RegisteredCount, run.RegisteredCount, written, watch.Elapsed, skipped);
        }
        catch (SheetLimitException e)
        {
            // Beyond a spreadsheet limit: the reader's own message, which names the cell or part and the limit.
            throw new InvalidRequestException([new Problem("file", e.Code, e.Text)]);
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException)
        {
            throw new InvalidRequestException([new Problem("file", "import.unreadable", Unreadable(format, e))]);
        }
        finally
        {
            // Not committed: rolled back, after the write in flight (if any) has ended.
            await run.DisposeAsync();
        }
    }

    private static RowError StoppedAt(int row) => new(row, string.Empty, string.Empty, "import.too_many_errors", new LocalText(
        $"错误已达 {ImportErrors.MaxErrors} 条，检查在第 {row} 行停止，其后的行未检查；请先改正以上错误再导入",
        $"{ImportErrors.MaxErrors} errors found: the check stopped at row {row} and the rows after it were not checked; fix these and import again"));

    private static Result TooMany(ImportRun run, SheetTable table, int row, TimeSpan elapsed)
    {
        var errors = SheetFaults(table);
        errors.AddRange(run.SortedErrors());
        errors.Add(StoppedAt(row));
        var rejected = Rejected(errors, table);
        return new Result(run.RowCount, run.HouseholdCount, Math.Max(0, run.RowCount - rejected), rejected, Located(errors, table), false, 0, 0, 0, elapsed, [.. table.Skipped]);
    }

    /// <summary>The rows (lines) with an error, header faults aside.</summary>
    private static int Rejected(List<RowError> errors, SheetTable table) =>
        errors.Where(e => e.Row > table.HeaderLine && !e.Code.StartsWith("column.", StringComparison.Ordinal)).Select(e => e.Row).Distinct().Count();

    /// <summary>Errors named by sheet and row (the run names them by line).</summary>
    private static List<RowError> Located(List<RowError> errors, SheetTable table) =>
        [.. errors.Select(e => e.Sheet is null && table.Locate(e.Row) is var (sheet, row) ? e with { Row = row, Sheet = sheet } : e)];

    /// <summary>The faults of later sheets' headers (a column the first list lacks), already named by sheet and row.</summary>
    private static List<RowError> SheetFaults(SheetTable table) =>
        [.. table.Faults.Select(f => new RowError(f.Row, f.Column, f.Column, f.Code, f.Message, f.Sheet))];

    /// <summary>A file the reader could not read: for .xls and .xlsx, what to do about it.</summary>
    internal static LocalText Unreadable(SheetFormat format, Exception e) => format switch
    {
        SheetFormat.Xls => new("无法读取该 .xls 文件（Excel 97-2003 工作簿），文件可能已损坏：请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。原因：" + e.Message,
            "The .xls file (Excel 97-2003 workbook) cannot be read and may be damaged: open it in Excel or WPS, save it as .xlsx and import that. Reason: " + e.Message),
        _ => new("文件无法读取：" + e.Message, "The file cannot be read: " + e.Message),
    };

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static async Task<FileStream> BufferAsync(Stream stream, CancellationToken ct)
    {
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await stream.CopyToAsync(temp, ct);
        temp.Position = 0;
        return temp;
    }

    /// <summary>
    /// The rows of the file with the error column added (as the same format; an .xls file as .xlsx), for
    /// the user to fix and import again. Rows without errors are kept, so that the fixed file is
    /// complete. A file of one list keeps its rows where they were (titles, totals and footers too); a
    /// workbook of several sheets becomes one list: the header, then every sheet's data rows, each
    /// error naming its sheet and row.
    /// </summary>
    public static void WriteWithErrors(Stream source, SheetFormat format, IReadOnlyList<RowError> errors, Stream target, CultureInfo culture)
    {
        var start = source.Position;
        var table = Table(source, format);
        using (var probe = table.Rows().GetEnumerator()) probe.MoveNext(); // the header: where it is, and whether the workbook has several sheets
        source.Position = start;
        using var writer = new SheetWriter(target, SheetFormats.Writable(format), "导入错误");
        if (table.Named)
        {
            var bySheetRow = errors.GroupBy(e => (e.Sheet, e.Row)).ToDictionary(g => g.Key, g => string.Join("；", g.Select(e => $"{e.Where.For(culture)}，{e.Column}：{e.Message.For(culture)}")));
            foreach (var row in table.Rows())
            {
                var values = new object?[Math.Max(table.Header.Count, row.Cells.Length) + 1];
                for (var i = 0; i < row.Cells.Length; i++) values[i] = row.Cells[i].Text;
                var errorIndex = values.Length - 1;
                if (row.Number == table.HeaderLine)
                {
                    values[errorIndex] = RegistryTemplate.ErrorColumn.For(culture);
                    writer.WriteRow(values, 1);
                }
                else if (bySheetRow.TryGetValue(table.Locate(row.Number), out var text))
                {
                    values[errorIndex] = text;
                    writer.WriteRow(values, 2, errorIndex);
                }
                else writer.WriteRow(values);
            }
            return;
        }
        var byRow = errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => string.Join("；", g.Select(e => $"{e.Column}：{e.Message.For(culture)}")));
        var header = table.HeaderLine;
        var width = 0;
        var next = 1;
        foreach (var row in SheetFormats.Read(source, format))
        {
            if (row.Number == header) width = row.Cells.Length;
            // Keep row numbers: a workbook with gaps gets its blank rows back.
            while (next < row.Number) { writer.WriteRow([]); next++; }
            next = row.Number + 1;
            var values = new object?[Math.Max(width, row.Cells.Length) + 1];
            for (var i = 0; i < row.Cells.Length; i++) values[i] = row.Cells[i].Text;
            var errorIndex = Math.Max(width, row.Cells.Length);
            if (row.Number == header)
            {
                values[errorIndex] = RegistryTemplate.ErrorColumn.For(culture);
                writer.WriteRow(values, 1);
            }
            else if (byRow.TryGetValue(row.Number, out var text))
            {
                values[errorIndex] = text;
                writer.WriteRow(values, 2, errorIndex);
            }
            else writer.WriteRow(values[..(row.Number < header ? row.Cells.Length : values.Length)]);
        }
    }
}
