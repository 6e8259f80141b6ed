using System.Text;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Domain.Common;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Common;

/// <summary>One import as the hostile-file tests call it: its header, a required column, how to run it and what it has stored.</summary>
public sealed record HostileImport(string Name, string Header, string MissingColumn, int MaxRows, Func<Actor, Stream, string, Task> Run, Func<Task<int>> Stored);

/// <summary>
/// The files an office really sends, and worse, tried on any list import: each is refused whole with its reason (the
/// file's, or the row's and column's), and nothing is stored. The imports' own rows are the callers'.
/// </summary>
public static class HostileFiles
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static async Task<InvalidRequestException> RefusedAsync(HostileImport import, Actor actor, byte[] file, string name)
    {
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => import.Run(actor, new MemoryStream(file), name));
        Assert.Equal(0, await import.Stored());
        return refused;
    }

    /// <summary>Empty, header only, a column left out, a renamed or truncated .xlsx, a .txt, a cell past XFD, an endless quoted field.</summary>
    public static async Task NotListsAreRefusedAsync(HostileImport import, Actor actor)
    {
        Problem Only(InvalidRequestException e) => Assert.Single(e.Problems);
        var columns = import.Header.Split(',');
        var filler = string.Join(',', columns.Select((_, i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var empty = Only(await RefusedAsync(import, actor, [], "empty.csv"));
        Assert.Equal(("file", "import.empty"), (empty.Field, empty.Code));
        Assert.Equal("import.no_rows", Only(await RefusedAsync(import, actor, Utf8(import.Header + "\r\n"), "header.csv")).Code);
        Assert.Equal("import.no_rows", Only(await RefusedAsync(import, actor, Utf8(import.Header + "\r\n" + new string(',', columns.Length - 1) + "\r\n\r\n"), "blank.csv")).Code);

        var missing = Only(await RefusedAsync(import, actor, Utf8(string.Join(',', columns.Where(h => h != import.MissingColumn)) + "\r\n" + filler), "missing.csv"));
        Assert.Equal(("rows[1]", "import.missing_column"), (missing.Field, missing.Code));
        Assert.Contains($"缺少列“{import.MissingColumn}”", missing.Message.Zh, StringComparison.Ordinal);

        Assert.Equal("import.unreadable", Only(await RefusedAsync(import, actor, Utf8(import.Header + "\r\n" + filler), "renamed.xlsx")).Code);
        Assert.Equal("import.unreadable", Only(await RefusedAsync(import, actor, [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], "truncated.xlsx")).Code);
        var text = Only(await RefusedAsync(import, actor, Utf8(import.Header + "\r\n" + filler), "list.txt"));
        Assert.Equal(("file", "import.file_type"), (text.Field, text.Code));

        var wide = SheetFiles.Workbook("""<row r="1">""" + string.Concat(columns.Select(h => $"""<c t="inlineStr"><is><t>{h}</t></is></c>"""))
            + """</row><row r="2"><c r="A2"><v>1</v></c><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>""").ToArray();
        Assert.Equal("sheet.columns", Only(await RefusedAsync(import, actor, wide, "wide.xlsx")).Code);
        var endless = Utf8(import.Header + "\r\n\"" + new string('x', SheetLimits.MaxCellLength + 10));
        Assert.Equal("sheet.cell_length", Only(await RefusedAsync(import, actor, endless, "endless.csv")).Code);
    }

    /// <summary>One row more than the import takes: refused before any row is checked, the limit named.</summary>
    public static async Task TooManyRowsAreRefusedAsync(HostileImport import, Actor actor)
    {
        var row = string.Join(',', import.Header.Split(',').Select(_ => "甲"));
        var file = new StringBuilder(import.Header).Append("\r\n");
        for (var i = 0; i <= import.MaxRows; i++) file.Append(row).Append("\r\n");
        var problem = Assert.Single((await RefusedAsync(import, actor, Utf8(file.ToString()), "many.csv")).Problems);
        Assert.Equal(("file", "import.too_many_rows"), (problem.Field, problem.Code));
        Assert.Contains(import.MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message.Zh, StringComparison.Ordinal);
    }

    /// <summary>A workbook of inline-string cells, one array a row; a cell given as (formula, cached value, type) is a formula cell.</summary>
    public static byte[] Workbook(params object[][] rows) => SheetFiles.Workbook(string.Concat(rows.Select((cells, r) =>
        $"""<row r="{r + 1}">""" + string.Concat(cells.Select((cell, c) =>
        {
            var at = $"{(char)('A' + c)}{r + 1}";
            return cell switch
            {
                (string formula, string value, string type) => $"""<c r="{at}"{(type.Length > 0 ? $" t=\"{type}\"" : "")}><f>{formula}</f><v>{value}</v></c>""",
                _ => $"""<c r="{at}" t="inlineStr"><is><t>{System.Security.SecurityElement.Escape(cell.ToString())}</t></is></c>""",
            };
        })) + "</row>"))).ToArray();
}
