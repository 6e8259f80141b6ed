using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Tuopin.Application.Common;

/// <summary>
/// Reads an Excel 97-2003 workbook (.xls, BIFF8, what WPS and older Excel still save) with
/// ExcelDataReader (ADR 0012, amendment): every sheet in order, each row through the same
/// <see cref="RowBuilder"/> as the .xlsx and CSV readers, so that the same limits hold and the rows
/// look the same to an import: numbers as the text Excel shows without a format (12345, 0.5), dates
/// as 2016-03-01, text as typed. A file that is not a readable .xls gives an
/// <see cref="InvalidDataException"/> with the reader's reason, never anything else.
/// </summary>
public static class XlsReader
{
    static XlsReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// An .xls file read at most: ExcelDataReader holds the workbook stream (and its strings) in memory, so
    /// the file itself is the bound. A .xls sheet has at most 65,536 rows; the county's 78,913 member rows
    /// over 14 township sheets come to some 30 MB.
    /// </summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>The first sheet only.</summary>
    public static IEnumerable<SheetRow> Read(Stream stream)
    {
        foreach (var sheet in ReadSheets(stream))
        {
            foreach (var row in sheet.Rows) yield return row;
            yield break;
        }
    }

    /// <summary>Every sheet in order; a sheet's rows are to be read before the next sheet is asked for.</summary>
    public static IEnumerable<NamedSheet> ReadSheets(Stream stream)
    {
        if (stream.CanSeek && stream.Length - stream.Position > MaxBytes) throw SheetLimits.XlsTooLarge(MaxBytes);
        using var reader = Guard(() => ExcelReaderFactory.CreateBinaryReader(stream, new ExcelReaderConfiguration
        {
            // A file without a code page record (rare) is taken as GBK, which the county's offices use.
            FallbackEncoding = Encoding.GetEncoding(936),
            LeaveOpen = true,
        }));
        var count = 0;
        do
        {
            if (++count > SheetLimits.MaxSheets) yield break;
            var name = reader.Name ?? "Sheet" + count.ToString(CultureInfo.InvariantCulture);
            yield return new NamedSheet(name, Rows(reader), Math.Min(reader.ResultsCount, SheetLimits.MaxSheets));
        }
        while (Guard(reader.NextResult));
    }

    private static IEnumerable<SheetRow> Rows(IExcelDataReader reader)
    {
        var row = new RowBuilder();
        var next = 1;
        while (Guard(reader.Read))
        {
            // Depth is the row's index in the sheet (0-based), blank rows included.
            var number = Math.Max(reader.Depth + 1, next);
            next = number + 1;
            row.Start(number);
            var width = Math.Min(reader.FieldCount, SheetLimits.MaxColumns);
            for (var i = 0; i < width; i++)
            {
                var value = Guard(() => reader.GetValue(i));
                if (value is null) continue;
                row.Add(i, Cell(value));
            }
            yield return row.Finish();
        }
    }

    /// <summary>A value as the other readers give it: text as stored, a number as its shortest round-trip text.</summary>
    internal static SheetCell Cell(object value) => value switch
    {
        string s => new SheetCell(FormulaGuard.Unguard(s), false),
        double d => new SheetCell(d.ToString("R", CultureInfo.InvariantCulture), true),
        int n => new SheetCell(n.ToString(CultureInfo.InvariantCulture), true),
        DateTime t => new SheetCell(t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), false),
        TimeSpan span => new SheetCell(span.ToString("c", CultureInfo.InvariantCulture), false),
        bool b => new SheetCell(b ? "TRUE" : "FALSE", false),
        IFormattable f => new SheetCell(f.ToString(null, CultureInfo.InvariantCulture), false),
        _ => new SheetCell(value.ToString() ?? string.Empty, false),
    };

    /// <summary>Whatever the library throws on a damaged file becomes one kind of error: the file cannot be read.</summary>
    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not (SheetLimitException or OperationCanceledException or InvalidDataException or OutOfMemoryException))
        {
            throw new InvalidDataException("The file is not a readable .xls workbook (Excel 97-2003): " + e.Message, e);
        }
    }
}
