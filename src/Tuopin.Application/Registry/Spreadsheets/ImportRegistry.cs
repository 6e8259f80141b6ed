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
