using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tuopin.Application.Places;

/// <summary>
/// A county's places as data: its townships with their exit years, its village list with statistical
/// codes (a CSV: code,name,township_code,township_name), its poor villages and zones, and the
/// poverty lines it starts with. Laifeng's is built in; any other county supplies its own files.
/// </summary>
public sealed class CountyDataSet
{
    public required CountyInfo County { get; init; }
    public required string VillagesFile { get; init; }
    public string? Source { get; init; }
    public string? Illustrative { get; init; }
    public List<TownshipInfo> Townships { get; init; } = [];
    public Dictionary<int, List<string>> PoorVillages { get; init; } = [];
    public List<ZoneInfo> Zones { get; init; } = [];
    public List<PovertyLineInfo> PovertyLines { get; init; } = [];

    [JsonIgnore]
    public List<VillageRow> Villages { get; internal set; } = [];

    public sealed record CountyInfo(string Code, string Name, string? Province, string? Prefecture, bool IsWestern);
    public sealed record TownshipInfo(string Code, string Name, int? PlannedExitYear);
    public sealed record ZoneInfo(string Name, List<string> Villages);
    public sealed record PovertyLineInfo(int Year, decimal Amount, string Source);
    public sealed record VillageRow(int Line, string Code, string OfficialName, string TownshipCode, string TownshipName)
    {
        /// <summary>老茶村委会 → 老茶村; 三官坪社区居委会 → 三官坪社区.</summary>
        public string Name => ShortName(OfficialName);

        public bool IsCommunity => OfficialName.EndsWith("居委会", StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public const string BuiltInLaifeng = "laifeng";

    public static CountyDataSet Laifeng() => FromResources(BuiltInLaifeng);

    private static CountyDataSet FromResources(string name)
    {
        var assembly = typeof(CountyDataSet).Assembly;
        var set = JsonSerializer.Deserialize<CountyDataSet>(Read(assembly, $"Tuopin.Places.{name}.json"), Json)!;
        set.Villages = ParseVillages(Read(assembly, $"Tuopin.Places.{set.VillagesFile}"));
        return set;
    }

    /// <summary>Reads a county file; its villages file is looked for beside it.</summary>
    public static CountyDataSet FromFile(string path)
    {
        var set = JsonSerializer.Deserialize<CountyDataSet>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty");
        var villages = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, set.VillagesFile);
        set.Villages = ParseVillages(File.ReadAllText(villages));
        return set;
    }

    public static string ShortName(string official)
    {
        foreach (var (suffix, replacement) in new[] { ("村民委员会", "村"), ("村委会", "村"), ("社区居委会", "社区"), ("居委会", "社区") })
            if (official.EndsWith(suffix, StringComparison.Ordinal))
                return official[..^suffix.Length] + replacement;
        return official;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"Missing resource {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static List<VillageRow> ParseVillages(string csv)
    {
        var rows = new List<VillageRow>();
        var lines = csv.Replace("\r", string.Empty).Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != 4) throw new InvalidDataException($"Villages file line {i + 1}: 4 columns expected (code,name,township_code,township_name), found {cells.Length}");
            rows.Add(new VillageRow(i + 1, cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim()));
        }
        return rows;
    }
}
