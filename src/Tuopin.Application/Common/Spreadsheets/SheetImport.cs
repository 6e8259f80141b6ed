using Tuopin.Domain.Common;

namespace Tuopin.Application.Common;

/// <summary>
/// Reading for the small imports (village conditions, measures, training attendance): the file as rows of
/// trimmed cells, with the header found by the import's own column names. The registry import, which streams a
/// county's file, has its own reader over the same <see cref="SheetTable"/>.
/// </summary>
public static class SheetImport
{
    /// <summary>
    /// The file as rows of cells, each with its line (<see cref="SheetTable"/>: the header found among the
    /// first rows, titles, totals, footers and blank rows skipped, every sheet of a workbook read), read by
    /// the project's spreadsheet readers within their limits. Reading stops as soon as the file has more
    /// rows than an import takes.
    /// </summary>
    public static (List<(int Number, string?[] Cells)> Rows, SheetTable Table) Read(Stream content, string fileName, Func<string, bool> isColumn, int maxRows)
    {
        var format = SheetFormats.FromFileName(fileName)
            ?? throw new InvalidRequestException([new Problem("file", "import.file_type", SheetFormats.OnlyImportable(fileName))]);
        var rows = new List<(int, string?[])>();
        // A zip package needs a seekable stream; these uploads are small (a few MB), so it is buffered in memory.
        Stream source = content;
        if (format != SheetFormat.Csv && !content.CanSeek)
        {
            var buffer = new MemoryStream();
            content.CopyTo(buffer);
            buffer.Position = 0;
            source = buffer;
        }
        var table = new SheetTable(source, format, isColumn, minColumns: 2);
        var filled = 0;
        try
        {
            foreach (var row in table.Rows())
            {
                var cells = row.Cells.Select(c => string.IsNullOrWhiteSpace(c.Text) ? null : c.Text.Trim()).ToArray();
                // The heading and maxRows data rows; one more is refused by the caller without reading the rest.
                if (cells.Any(c => c is not null) && ++filled > maxRows + 2) break;
                rows.Add((row.Number, cells));
            }
        }
        catch (SheetLimitException e)
        {
            throw new InvalidRequestException([new Problem("file", e.Code, e.Text)]);
        }
        catch (Exception e) when (format == SheetFormat.Xls && e is InvalidDataException)
        {
            throw new InvalidRequestException([new Problem("file", "import.unreadable", Registry.ImportRegistry.Unreadable(format, e))]);
        }
        catch (Exception e) when (format == SheetFormat.Xlsx && e is not OperationCanceledException)
        {
            throw new InvalidRequestException([new Problem("file", "import.unreadable", new LocalText("无法读取该 .xlsx 文件，请确认它是 Excel 工作簿", "The .xlsx file cannot be read; is it an Excel workbook?"))]);
        }
        return (rows, table);
    }

}
