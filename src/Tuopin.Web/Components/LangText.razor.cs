using System.Text.RegularExpressions;

namespace Tuopin.Web.Components;

public sealed partial class LangText
{
    /// <summary>A run of Chinese characters, with the Chinese punctuation inside it.</summary>
    [GeneratedRegex(@"([\p{IsCJKUnifiedIdeographs}][\p{IsCJKUnifiedIdeographs}\u3000-\u303F]*)")]
    private static partial Regex ChineseRun();
}
