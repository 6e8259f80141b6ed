using System.Globalization;
using Microsoft.EntityFrameworkCore;

using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Registry;

/// <summary>
/// A reason an import part refuses a value: the template column's key, the value as the file gives it, and
/// why. The run puts it on the row it belongs to.
/// </summary>
internal sealed record ImportFault(string Key, string Value, string Code, LocalText Message);

/// <summary>
/// The import's place lookup: the county's townships, villages and village groups, loaded once per import
/// (three queries) and found by code or name in memory. Groups that the file names in a village without any
/// group yet (a county's first import) are created here, and numbered before they are written.
/// </summary>
internal sealed class ImportPlaces
{
    private readonly Dictionary<Guid, Township> _townships;
    private readonly ILookup<string, Village> _villagesByCode;
    private readonly ILookup<string, Village> _villagesByName;
    private readonly ILookup<Guid, VillageGroup> _groups;
    private readonly List<VillageGroup> _newGroups = [];
    private readonly Dictionary<(Guid Village, string Name), VillageGroup> _newGroupByName = [];
    private readonly HashSet<Guid> _newGroupVillages = [];
    private int _unnumbered;

    private ImportPlaces(List<Township> townships, List<Village> villages, List<VillageGroup> groups)
    {
        _townships = townships.ToDictionary(t => t.Id);
        _villagesByCode = villages.ToLookup(v => v.Code);
        // By name or official name, in the villages' order, each village once per key.
        _villagesByName = villages.SelectMany(v => new[] { v.Name, v.OfficialName }.OfType<string>().Distinct().Select(n => (Name: n, Village: v)))
            .ToLookup(x => x.Name, x => x.Village);
        _groups = groups.ToLookup(g => g.VillageId);
    }

    public static async Task<ImportPlaces> LoadAsync(TuopinDb db, CancellationToken ct)
    {
        var villages = await db.Villages.AsNoTracking().ToListAsync(ct);
        var townships = await db.Townships.AsNoTracking().ToListAsync(ct);
        var groups = await db.VillageGroups.AsNoTracking().ToListAsync(ct);
        return new ImportPlaces(townships, villages, groups);
    }

    /// <summary>The groups this import creates (written with the households; numbered by <see cref="NumberNewGroups"/>).</summary>
    public IReadOnlyList<VillageGroup> NewGroups => _newGroups;

    /// <summary>
    /// The village a household's row names (its name, official name or 12-digit code, within the township if
    /// one is given), inside the user's area; null with the reason when there is none such. The reason's key
    /// is "township" or "village".
    /// </summary>
    public Village? Village(string text, string townshipText, AreaScope scope, out ImportFault? fault)
    {
        fault = null;
        if (text.Length == 0)
        {
            fault = new("village", string.Empty, "place.village_required", new LocalText("户主行须填写行政村（村名或12位村代码）", "The head's row needs the village (name or 12-digit code)"));
            return null;
        }
        Township? township = null;
        if (townshipText.Length > 0)
        {
            township = _townships.Values.FirstOrDefault(t => t.Code == townshipText || t.Name == townshipText);
            if (township is null)
            {
                fault = new("township", townshipText, "place.unknown_township",
                    new LocalText(Inv($"本县没有名为“{townshipText}”的乡镇（可填乡镇名或9位代码）"), Inv($"No township '{townshipText}' in the county (name or 9-digit code)")));
                return null;
            }
        }
        List<Village> matches;
        if (text.Length == 12 && text.All(char.IsAsciiDigit))
            matches = _villagesByCode[text].ToList();
        else
            matches = _villagesByName[text].ToList();
        if (township is not null && matches.Count > 0)
        {
            var inTownship = matches.Where(v => v.TownshipId == township.Id).ToList();
            if (inTownship.Count == 0)
            {
                fault = new("village", text, "place.village_not_in_township",
                    new LocalText(Inv($"“{text}”不属于{township.Name}"), Inv($"'{text}' is not in {township.Name}")));
                return null;
            }
            matches = inTownship;
        }
        if (matches.Count == 0)
        {
            fault = new("village", text, "place.unknown_village",
                new LocalText(Inv($"本县没有名称或代码为“{text}”的村（社区）"), Inv($"No village with the name or code '{text}' in the county")));
            return null;
        }
        if (matches.Count > 1)
        {
            fault = new("village", text, "place.ambiguous_village",
                new LocalText(Inv($"有{matches.Count}个村名为“{text}”（{string.Join("、", matches.Select(v => _townships[v.TownshipId].Name))}），请填写乡镇或12位村代码"),
                    Inv($"{matches.Count} villages are called '{text}'; give the township or the 12-digit village code")));
            return null;
        }
        var village = matches[0];
        if (!scope.Covers(village.CountyId, village.TownshipId, village.Id))
        {
            fault = new("village", text, "place.outside_area",
                new LocalText(Inv($"{_townships[village.TownshipId].Name}{village.Name}不在您的管辖范围内，不能导入"), Inv($"{village.Name} ({_townships[village.TownshipId].Name}) is outside your area; you cannot import into it")));
            return null;
        }
        return village;
    }

    /// <summary>
    /// The village's group that the text names (its name or number); in a village without any group yet the
    /// file's groups are created. Null with the reason (key "group") when the village has groups and none is named so.
    /// </summary>
    public VillageGroup? Group(Village village, string text, out ImportFault? fault)
    {
        fault = null;
        var group = Find(village.Id, text);
        if (group is null && !_groups[village.Id].Any())
        {
            group = new VillageGroup { Id = Guid.CreateVersion7(), VillageId = village.Id, Name = text, Number = GroupNumber(text) ?? Unnumbered() };
            AddNewGroup(group);
        }
        if (group is null)
            fault = new("group", text, "place.unknown_group",
                new LocalText(Inv($"{village.Name}没有名为“{text}”的村民小组，该村的小组有：{string.Join("、", _groups[village.Id].OrderBy(g => g.Number).Select(g => g.Name))}"),
                    Inv($"{village.Name} has no village group '{text}'; its groups are: {string.Join(", ", _groups[village.Id].OrderBy(g => g.Number).Select(g => g.Name))}")));
        return group;
    }

    private VillageGroup? Find(Guid villageId, string text)
    {
        // Hashed: a county's first import creates thousands of groups, looked up once per household.
        if (_newGroupByName.TryGetValue((villageId, text), out var created)) return created;
        if (_newGroupVillages.Contains(villageId))
        {
            // The village's groups come from this file: a new name is one more group.
            var group = new VillageGroup { Id = Guid.CreateVersion7(), VillageId = villageId, Name = text, Number = GroupNumber(text) ?? Unnumbered() };
            AddNewGroup(group);
            return group;
        }
        var groups = _groups[villageId];
        var number = GroupNumber(text);
        return groups.FirstOrDefault(g => g.Name == text) ?? (number is { } n ? groups.FirstOrDefault(g => g.Number == n) : null);
    }

    private void AddNewGroup(VillageGroup group)
    {
        _newGroups.Add(group);
        _newGroupByName[(group.VillageId, group.Name)] = group;
        _newGroupVillages.Add(group.VillageId);
    }

    private int Unnumbered() => -++_unnumbered;

    /// <summary>
    /// Numbers for created groups that had none in their name: after the village's highest. Until then
    /// they carry a provisional number below zero (unique, as the village's group numbers must be).
    /// Returns the groups numbered.
    /// </summary>
    public List<VillageGroup> NumberNewGroups()
    {
        var numbered = new List<VillageGroup>();
        foreach (var village in _newGroups.GroupBy(g => g.VillageId))
        {
            var next = Math.Max(0, village.Max(g => g.Number));
            foreach (var g in village.Where(g => g.Number <= 0))
            {
                g.Number = ++next;
                numbered.Add(g);
            }
        }
        return numbered;
    }

    /// <summary>"3", "3组", "三组", "十二组" → the group's number.</summary>
    public static int? GroupNumber(string text)
    {
        var t = text.Trim().TrimEnd('组').Replace("第", "", StringComparison.Ordinal).Replace("村民小", "", StringComparison.Ordinal);
        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        const string digits = "零一二三四五六七八九";
        if (t.Length == 0) return null;
        if (t.Length == 1 && digits.Contains(t[0])) return digits.IndexOf(t[0]);
        var ten = t.IndexOf('十');
        if (ten < 0 || t.Length > 3) return null;
        var tens = ten == 0 ? 1 : digits.IndexOf(t[0]);
        var units = ten == t.Length - 1 ? 0 : digits.IndexOf(t[^1]);
        return tens < 0 || units < 0 ? null : tens * 10 + units;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
