using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Tuopin.Application.Common;

/// <summary>
/// The pieces every Word document of the county's papers is made of: 宋体/黑体 set as the East Asian font (so
/// LibreOffice and WPS use them for Chinese, with Times New Roman for Latin text), the document's default and
/// heading styles, bordered tables with a shaded header, cells that span columns, page breaks and A4 sections
/// (portrait or landscape). Sizes are in half-points, widths in twips.
/// </summary>
public static class WordParts
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string Song = "宋体";
    public const string Hei = "黑体";
    public const string Latin = "Times New Roman";

    /// <summary>A4 in twips (portrait).</summary>
    public const int A4Short = 11906, A4Long = 16838;

    public static string Half(int halfPoints) => halfPoints.ToString(CultureInfo.InvariantCulture);

    public static RunFonts Fonts(string eastAsia) =>
        new() { Ascii = Latin, HighAnsi = Latin, EastAsia = eastAsia, ComplexScript = Latin, Hint = FontTypeHintValues.EastAsia };

    public static Run TextRun(string text, int size, string? eastAsia = null, bool bold = false)
    {
        var props = new RunProperties();
        if (eastAsia is not null) props.Append(Fonts(eastAsia));
        if (bold) props.Append(new Bold());
        props.Append(new FontSize { Val = Half(size) }, new FontSizeComplexScript { Val = Half(size) });
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>The styles: body text in 宋体 at <paramref name="bodySize"/>, Title and Heading1 in 黑体.</summary>
    public static void AddStyles(MainDocumentPart main, int bodySize, int titleSize, int headingSize, string line = "360", string headingIndent = "560", string headingBefore = "240")
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    Fonts(Song), new FontSize { Val = Half(bodySize) }, new FontSizeComplexScript { Val = Half(bodySize) },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { Line = line, LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
                    new StyleParagraphProperties(new SpacingBetweenLines { Before = "240", After = "120" }, new Justification { Val = JustificationValues.Center }, new OutlineLevel { Val = 0 }),
                    new StyleRunProperties(Fonts(Hei), new FontSize { Val = Half(titleSize) }, new FontSizeComplexScript { Val = Half(titleSize) }))
                { Type = StyleValues.Paragraph, StyleId = "Title" },
            new Style(new StyleName { Val = "heading 1" }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
                    new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = headingBefore, After = "60" }, new Indentation { FirstLine = headingIndent }, new OutlineLevel { Val = 1 }),
                    new StyleRunProperties(Fonts(Hei), new FontSize { Val = Half(headingSize) }, new FontSizeComplexScript { Val = Half(headingSize) }))
                { Type = StyleValues.Paragraph, StyleId = "Heading1" });
        styles.Styles.Save();
    }

    public static Paragraph Title(string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = "Title" }), new Run(new Text(text)));

    public static Paragraph Heading(string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }), new Run(new Text(text)));

    /// <summary>A paragraph at <paramref name="size"/>, aligned as asked, single-spaced when <paramref name="tight"/>.</summary>
    public static Paragraph Line(string text, int size, JustificationValues? align = null, bool tight = false, string? eastAsia = null, bool bold = false, int after = 0)
    {
        var props = new ParagraphProperties();
        if (tight || after > 0)
        {
            var spacing = new SpacingBetweenLines();
            if (after > 0) spacing.After = after.ToString(CultureInfo.InvariantCulture);
            if (tight) (spacing.Line, spacing.LineRule) = ("240", LineSpacingRuleValues.Auto);
            props.Append(spacing);
        }
        props.Append(new Justification { Val = align ?? JustificationValues.Left });
        return new Paragraph(props, TextRun(text, size, eastAsia, bold));
    }

    /// <summary>A page break: what follows starts on a new page.</summary>
    public static Paragraph PageBreak() => new(new Run(new Break { Type = BreakValues.Page }));

    /// <summary>A small gap after a table, so the next paragraph does not touch its bottom border.</summary>
    public static Paragraph Gap() => new(new ParagraphProperties(new SpacingBetweenLines { Line = "120", LineRule = LineSpacingRuleValues.Auto }));

    /// <summary>One cell of a table row: its text, how many grid columns it spans, and how it looks.</summary>
    public sealed record Cell(string Text, int Span = 1, bool Label = false, bool Centred = true);

    /// <summary>
    /// A bordered table with fixed columns (<paramref name="widths"/>, twips, summing to the table's width): the
    /// first <paramref name="headerRows"/> rows are shaded, repeated on every page and set in 黑体; no row splits.
    /// </summary>
    public static Table Table(int[] widths, IEnumerable<Cell[]> rows, int size, int headerRows = 0)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableJustification { Val = TableRowAlignmentValues.Center },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 8 },
                new LeftBorder { Val = BorderValues.Single, Size = 8 },
                new BottomBorder { Val = BorderValues.Single, Size = 8 },
                new RightBorder { Val = BorderValues.Single, Size = 8 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(
                new TopMargin { Width = "30", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 60, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "30", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 60, Type = TableWidthValues.Dxa })));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        var index = 0;
        foreach (var cells in rows)
        {
            var heading = index++ < headerRows;
            var row = new TableRow(new TableRowProperties(heading ? [new TableHeader(), new CantSplit()] : [new CantSplit()]));
            var column = 0;
            foreach (var cell in cells)
            {
                var width = widths.Skip(column).Take(cell.Span).Sum();
                column += cell.Span;
                var props = new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
                if (cell.Span > 1) props.Append(new GridSpan { Val = cell.Span });
                if (heading || cell.Label) props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = heading ? "E7E6E6" : "F2F2F2" });
                props.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
                row.Append(new TableCell(props, new Paragraph(
                    new ParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = cell.Centred ? JustificationValues.Center : JustificationValues.Left }),
                    TextRun(cell.Text, size, heading ? Hei : null))));
            }
            table.Append(row);
        }
        return table;
    }

    /// <summary>A simple table: one header row of titles, then rows of text, each column centred or not.</summary>
    public static Table Table(int[] widths, string[] header, IEnumerable<string[]> rows, bool[] centred, int size) =>
        Table(widths, new[] { header.Select(h => new Cell(h)).ToArray() }.Concat(rows.Select(r => r.Select((t, i) => new Cell(t, Centred: centred[i])).ToArray())), size, headerRows: 1);

    /// <summary>The A4 section: portrait or landscape, with the margins given (twips) and an optional footer.</summary>
    public static SectionProperties A4(bool landscape, int top, int bottom, int left, int right, string? footerId = null)
    {
        var section = new SectionProperties();
        if (footerId is not null) section.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = footerId });
        section.Append(landscape
            ? new PageSize { Width = A4Long, Height = A4Short, Orient = PageOrientationValues.Landscape }
            : new PageSize { Width = A4Short, Height = A4Long });
        section.Append(new PageMargin { Top = top, Bottom = bottom, Left = (uint)left, Right = (uint)right, Header = 567, Footer = 567, Gutter = 0 });
        return section;
    }

    /// <summary>A centred page-number footer (— 1 —).</summary>
    public static string AddPageNumberFooter(MainDocumentPart main, int size)
    {
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            TextRun("— ", size), new SimpleField(TextRun("1", size)) { Instruction = " PAGE " }, TextRun(" —", size)));
        return main.GetIdOfPart(footer);
    }

    /// <summary>Writes a document: styles and body are the caller's; returns the .docx bytes.</summary>
    public static byte[] Write(Action<MainDocumentPart> styles, Action<MainDocumentPart, Body> build)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            styles(main);
            var body = new Body();
            build(main, body);
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }
}
