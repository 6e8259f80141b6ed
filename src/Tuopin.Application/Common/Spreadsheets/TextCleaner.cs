namespace Tuopin.Application.Common;

/// <summary>Undoes the harmless things spreadsheets do to text: full-width forms, odd spaces.</summary>
public static class TextCleaner
{
    /// <summary>Full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, ＋, ．…) to ASCII, ideographic and no-break spaces to spaces, zero-width characters removed.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var needs = false;
        foreach (var ch in text)
        {
            if (ch is >= '\uFF01' and <= '\uFF5E' or '\u3000' or '\u00A0' or '\u200B' or '\uFEFF' or '\u200C' or '\u200D' or '\t')
            {
                needs = true;
                break;
            }
        }
        var result = text;
        if (needs)
        {
            var sb = new System.Text.StringBuilder(text.Length);
            foreach (var ch in text)
            {
                if (ch is '（' or '）') sb.Append(ch); // brackets keep their width in Chinese headers and names
                else if (ch is >= '\uFF01' and <= '\uFF5E') sb.Append((char)(ch - 0xFEE0));
                else if (ch is '\u3000' or '\u00A0' or '\t') sb.Append(' ');
                else if (ch is '\u200B' or '\uFEFF' or '\u200C' or '\u200D') continue;
                else sb.Append(ch);
            }
            result = sb.ToString();
        }
        return result.Trim();
    }

    public static bool HasFullWidth(string? text) => text is not null && text.Any(ch => ch is >= '\uFF10' and <= '\uFF5A');
}
