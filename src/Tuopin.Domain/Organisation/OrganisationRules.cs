using Tuopin.Domain.Common;

namespace Tuopin.Domain.Organisation;

/// <summary>A unit as the rules see it: its id, kind and every name it answers to.</summary>
public sealed record UnitName(Guid Id, UnitKind Kind, IReadOnlyList<string> Names);

/// <summary>One unit (or every unit of a kind) a responsible text names, and the words it was matched from.</summary>
public sealed record ResponsibleUnit(string Text, Guid? UnitId, UnitKind? AllOfKind);

/// <summary>What a plan's responsible text names: the units found and the names that match no unit.</summary>
public sealed record ResponsibleMatch(IReadOnlyList<ResponsibleUnit> Units, IReadOnlyList<string> Unknown)
{
    public bool Complete => Unknown.Count == 0 && Units.Count > 0;
}

/// <summary>
/// The organisation's rules (工作措施 1, 2): where each kind of unit sits, who it must have (a leader, a first
/// responsible person), and how a plan's free-text responsible unit is matched to units — by name or alias exactly,
/// or by the plan's words for a whole level (各乡镇人民政府); anything else is reported, never guessed.
/// </summary>
public static class OrganisationRules
{
    public static readonly CodeList<UnitKind> Kinds = new("单位类别", "Kind of unit",
        new(UnitKind.LeadingGroup, "leading-group", "领导小组", "Leading group"),
        new(UnitKind.WorkingGroup, "working-group", "工作组", "Working group"),
        new(UnitKind.SpecialTeam, "special-team", "工作专班", "Special team"),
        new(UnitKind.Department, "department", "县直部门", "County department"),
        new(UnitKind.TownshipOffice, "township-office", "乡镇扶贫开发办", "Township poverty office"),
        new(UnitKind.VillageTeam, "village-team", "村级责任单位", "Village team"));

    /// <summary>The kind of unit a unit of this kind sits under, if any.</summary>
    public static UnitKind? ParentKind(UnitKind kind) => kind switch
    {
        UnitKind.WorkingGroup or UnitKind.SpecialTeam => UnitKind.LeadingGroup,
        UnitKind.Department => UnitKind.WorkingGroup,
        _ => null,
    };

    /// <summary>Whether a unit of this kind must (and may only) belong to a township or a village.</summary>
    public static bool NeedsTownship(UnitKind kind) => kind is UnitKind.TownshipOffice or UnitKind.VillageTeam;

    public static bool NeedsVillage(UnitKind kind) => kind == UnitKind.VillageTeam;

    /// <summary>The problems of a unit's fields, each named by its field.</summary>
    public static List<Problem> Check(UnitKind kind, string? name, UnitKind? parentKind, bool hasTownship, bool hasVillage)
    {
        var problems = new List<Problem>();
        if (!Enum.IsDefined(kind)) problems.Add(new Problem("kind", "unit.kind", new LocalText("请选择单位类别", "Choose the kind of unit")));
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > OrgUnit.MaxNameLength)
            problems.Add(new Problem("name", "unit.name", new LocalText($"请填写单位名称（不超过{OrgUnit.MaxNameLength}个字）", $"Give a name of at most {OrgUnit.MaxNameLength} characters")));
        if (parentKind is { } p && ParentKind(kind) != p)
            problems.Add(new Problem("parentId", "unit.parent", ParentKind(kind) is { } wanted
                ? new LocalText($"{Kinds.Name(kind).Zh}只能隶属于{Kinds.Name(wanted).Zh}", $"A {Kinds.Name(kind).En.ToLowerInvariant()} sits under a {Kinds.Name(wanted).En.ToLowerInvariant()} only")
                : new LocalText($"{Kinds.Name(kind).Zh}不隶属于其他单位", $"A {Kinds.Name(kind).En.ToLowerInvariant()} sits under no other unit")));
        if (NeedsTownship(kind) && !hasTownship)
            problems.Add(new Problem("townshipId", "unit.township", new LocalText("请选择所在乡镇", "Choose the township")));
        if (!NeedsTownship(kind) && (hasTownship || hasVillage))
            problems.Add(new Problem("townshipId", "unit.area", new LocalText($"{Kinds.Name(kind).Zh}是县级单位，不属于乡镇或村", $"A {Kinds.Name(kind).En.ToLowerInvariant()} is a county unit, not a township's or a village's")));
        if (NeedsVillage(kind) && !hasVillage)
            problems.Add(new Problem("villageId", "unit.village", new LocalText("请选择所在村", "Choose the village")));
        if (kind == UnitKind.TownshipOffice && hasVillage)
            problems.Add(new Problem("villageId", "unit.area", new LocalText("乡镇扶贫开发办不属于某个村", "A township office is not a village's")));
        return problems;
    }

    /// <summary>What a person in a unit needs: a name and a position.</summary>
    public static List<Problem> CheckPerson(string? name, string? position)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > UnitPerson.MaxNameLength)
            problems.Add(new Problem("name", "person.name", new LocalText($"请填写姓名（不超过{UnitPerson.MaxNameLength}个字）", $"Give a name of at most {UnitPerson.MaxNameLength} characters")));
        if (string.IsNullOrWhiteSpace(position) || position.Trim().Length > 40)
            problems.Add(new Problem("position", "person.position", new LocalText("请填写职务（不超过40个字）", "Give a position of at most 40 characters")));
        return problems;
    }

    /// <summary>
    /// What a unit lacks (缺项): a leader for the groups, teams, departments and offices (组长, 主任, 主要负责人); a first
    /// responsible person for a township office (第一主任) and a village (村支部书记 and the work team's leader).
    /// <paramref name="workTeamLeader"/> is the village's stationed work team's leader (or first secretary), if it has one.
    /// </summary>
    public static IReadOnlyList<LocalText> Gaps(UnitKind kind, IReadOnlyCollection<UnitPerson> people, string? workTeamLeader = null)
    {
        var gaps = new List<LocalText>();
        if (kind != UnitKind.VillageTeam && !people.Any(p => p.IsLeader))
            gaps.Add(kind switch
            {
                UnitKind.TownshipOffice => new LocalText("未明确主任", "No director named"),
                UnitKind.Department => new LocalText("未明确主要负责人", "No head named"),
                _ => new LocalText("未明确组长", "No leader named"),
            });
        if (kind == UnitKind.TownshipOffice && !people.Any(p => p.IsFirstResponsible))
            gaps.Add(new LocalText("未明确第一主任（乡镇分管副书记）", "No first director (the township's deputy party secretary)"));
        if (kind == UnitKind.VillageTeam)
        {
            if (!people.Any(p => p.IsFirstResponsible))
                gaps.Add(new LocalText("未明确村支部书记为第一责任人", "The village party secretary is not named first responsible person"));
            if (string.IsNullOrWhiteSpace(workTeamLeader))
                gaps.Add(new LocalText("没有驻村工作队队长", "No resident work team leader"));
        }
        return gaps;
    }

    /// <summary>The plan's words for every unit of a level (各乡镇人民政府, 出列村, 县直各责任部门).</summary>
    public static readonly IReadOnlyDictionary<string, UnitKind> Collective = new Dictionary<string, UnitKind>(StringComparer.Ordinal)
    {
        ["各乡镇人民政府"] = UnitKind.TownshipOffice,
        ["各乡镇"] = UnitKind.TownshipOffice,
        ["出列乡镇人民政府"] = UnitKind.TownshipOffice,
        ["乡镇"] = UnitKind.TownshipOffice,
        ["出列村"] = UnitKind.VillageTeam,
        ["各村"] = UnitKind.VillageTeam,
        ["村"] = UnitKind.VillageTeam,
        ["县直各责任部门"] = UnitKind.Department,
        ["县直各职能部门"] = UnitKind.Department,
    };

    /// <summary>
    /// The names in a responsible text: the whole text if a unit answers to it; otherwise its parts, split at 、，, and 及
    /// and with a bracketed name taken apart (基础建设组（县交通运输局） is the group and the department).
    /// </summary>
    public static IReadOnlyList<string> Names(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var names = new List<string>();
        foreach (var part in text.Split(['、', '，', ',', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(p => p.Split('及', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var open = part.IndexOfAny(['（', '(']);
            if (open > 0 && part[^1] is '）' or ')')
            {
                names.Add(part[..open].Trim());
                names.AddRange(part[(open + 1)..^1].Split(['、', '，', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else names.Add(part);
        }
        return names.Where(n => n.Length > 0).Distinct().ToList();
    }

    /// <summary>The units a responsible text names (exact names and aliases, then the plan's words for a level) and the names no unit answers to.</summary>
    public static ResponsibleMatch Match(string? text, IReadOnlyList<UnitName> units)
    {
        if (string.IsNullOrWhiteSpace(text)) return new ResponsibleMatch([], []);
        var byName = new Dictionary<string, List<UnitName>>(StringComparer.Ordinal);
        foreach (var u in units)
            foreach (var n in u.Names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct())
                (byName.TryGetValue(n, out var list) ? list : byName[n] = []).Add(u);
        var whole = text.Trim();
        if (byName.TryGetValue(whole, out var exact) && exact.Count == 1) return new ResponsibleMatch([new ResponsibleUnit(whole, exact[0].Id, null)], []);
        var found = new List<ResponsibleUnit>();
        var unknown = new List<string>();
        foreach (var name in Names(whole))
        {
            // Two units answering to one name is not a match either: which one is meant would be a guess.
            if (byName.TryGetValue(name, out var hits) && hits.Count == 1) found.Add(new ResponsibleUnit(name, hits[0].Id, null));
            else if (Collective.TryGetValue(name, out var kind)) found.Add(new ResponsibleUnit(name, null, kind));
            else unknown.Add(name);
        }
        return new ResponsibleMatch(found, unknown);
    }
}
