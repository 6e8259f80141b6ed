using System.Text.RegularExpressions;
using Tuopin.Web.Components;

namespace Tuopin.Web.Tests.Common;

/// <summary>The UI is Chinese first; every text it shows must also have its English.</summary>
public sealed partial class TranslationTests
{
    [Fact]
    public void EveryTextThePagesUse_HasItsEnglish()
    {
        var root = RepositoryRoot();
        var components = Path.Combine(root, "src", "Tuopin.Web", "Components");
        var keys = Directory.EnumerateFiles(components, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => Key().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Concat(FieldLabels.All)
            .Concat(UiText.RoleNames.Values)
            .Concat(HistoryText.BulkLabels.Values)
            .Concat(Tuopin.Domain.Exit.AreaExitRules.DefaultVillageChecklist.Concat(Tuopin.Domain.Exit.AreaExitRules.DefaultTownshipChecklist).Select(i => i.Name))
            .Distinct()
            .ToList();

        var missing = keys.Where(k => !UiText.English.ContainsKey(k)).ToList();

        Assert.True(keys.Count > 100, $"only {keys.Count} texts found: is the scan looking in the right place?");
        Assert.True(missing.Count == 0, "No English for: " + string.Join(", ", missing));
    }

    [Fact]
    public void TranslationsKeepTheirPlaceholders()
    {
        foreach (var (zh, en) in UiText.English)
            Assert.Equal(Placeholder().Matches(zh).Select(m => m.Value).Order(), Placeholder().Matches(en).Select(m => m.Value).Order());
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tuopin.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Tuopin.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\b[Tt]\["(?<key>(?:[^"\\]|\\.)*)"\]""")]
    private static partial Regex Key();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
