using System.Globalization;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Assistance;

/// <summary>
/// A household the return-to-poverty watch takes in although it was never registered as poor (监测对象中的非建档立卡户):
/// an edge household (边缘易致贫户, income just above the line) or one hit by a sudden hardship (突发严重困难户). It is
/// recorded with its members only to be watched: it is not in the registry, and none of the registry's counts sees it.
/// It stays in its village (a household that moves is recorded anew where it lives).
/// </summary>
public sealed class EdgeHousehold : IAreaBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>监测户编号: <c>BY</c>, the village's 12-digit code and a sequence (never a registry number).</summary>
    public required string Number { get; set; }

    public EdgeKind Kind { get; set; }

    public string? Address { get; set; }

    /// <summary>The household's phone, encrypted at rest like the registry's.</summary>
    public string? PhoneCipher { get; set; }

    /// <summary>上年人均纯收入 per person, whole fen.</summary>
    public Money IncomePerHead { get; set; }

    public List<EdgeMember> Members { get; set; } = [];

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A member of an edge household: who they are and their health, the sex and birth date read from the resident ID.</summary>
public sealed class EdgeMember : IAreaBound
{
    public Guid Id { get; set; }

    public Guid EdgeHouseholdId { get; set; }

    // The household's place, repeated so that the area rules need no join.
    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public required string Name { get; set; }

    public Relation Relation { get; set; }

    public Sex Sex { get; set; }

    public DateOnly BirthDate { get; set; }

    /// <summary>The resident ID, encrypted at rest.</summary>
    public required string ResidentIdCipher { get; set; }

    /// <summary>The keyed hash of the resident ID (the registry's blind index), to find the same person in the registry.</summary>
    public required string ResidentIdIndex { get; set; }

    public Health Health { get; set; } = Health.Healthy;
}

public enum EdgeKind { Edge = 1, SuddenHardship = 2 }

/// <summary>The rules of an edge household, written once for the form, the API and the demo.</summary>
public static class EdgeHouseholds
{
    public static readonly CodeList<EdgeKind> Kinds = new("监测对象类别", "Kind of watched household",
        new(EdgeKind.Edge, "1", "边缘易致贫户", "Edge household (income just above the line)"),
        new(EdgeKind.SuddenHardship, "2", "突发严重困难户", "Household in sudden severe hardship"));

    /// <summary>An edge household's income is below this many times the poverty line (the national rule of 2020: 1.5).</summary>
    public const decimal EdgeIncomeFactor = 1.5m;

    public const int MaxMembers = 20;

    /// <summary>A member as entered: the resident ID as typed (parsed by the rule).</summary>
    public sealed record MemberInput(string? Name, Relation Relation, string? ResidentId, Health Health = Health.Healthy);

    /// <summary>
    /// The rules of recording an edge household: a kind; an income per head not negative and, for an edge household,
    /// below 1.5 times the year's line when the line is known (a household at or above it is not on the edge); one to
    /// twenty members with names, valid resident IDs born before today, one head (户主), no one twice. Returns the
    /// parsed IDs in the members' order (null where invalid).
    /// </summary>
    public static List<Problem> Check(EdgeKind kind, Money incomePerHead, decimal? line, IReadOnlyList<MemberInput> members, DateOnly today, out ResidentId?[] ids)
    {
        var problems = new List<Problem>();
        ids = new ResidentId?[members.Count];
        if (!Enum.IsDefined(kind)) problems.Add(new Problem("kind", "edge.kind", new LocalText("请选择监测对象类别", "Choose the kind of household")));
        if (incomePerHead.IsNegative)
            problems.Add(new Problem("incomePerHead", "edge.income", new LocalText("人均纯收入不能为负数", "The income per head cannot be negative")));
        else if (kind == EdgeKind.Edge && line is { } l && incomePerHead.Yuan >= l * EdgeIncomeFactor)
        {
            var limit = (l * EdgeIncomeFactor).ToString("0.##", CultureInfo.InvariantCulture);
            problems.Add(new Problem("incomePerHead", "edge.income_high", new LocalText(
                $"边缘易致贫户的人均纯收入应低于扶贫标准的1.5倍（{limit}元），该户为 {incomePerHead.Yuan.ToString("0.##", CultureInfo.InvariantCulture)} 元",
                $"An edge household's income per head is below 1.5 times the line ({limit} yuan); this one has {incomePerHead.Yuan.ToString("0.##", CultureInfo.InvariantCulture)}")));
        }
        if (members.Count == 0 || members.Count > MaxMembers)
        {
            problems.Add(new Problem("members", "edge.members", new LocalText($"请填写1至{MaxMembers}名家庭成员", $"Give 1 to {MaxMembers} members")));
            return problems;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            var at = $"members[{i}].";
            var who = new LocalText($"第{i + 1}名成员", $"Member {i + 1}");
            var name = m.Name?.Trim() ?? string.Empty;
            if (name.Length == 0)
                problems.Add(new Problem(at + "name", "member.name_required", new LocalText($"{who.Zh}：姓名不能为空", $"{who.En}: the name is required")));
            else if (name.Length > RegistryRules.MaxNameLength)
                problems.Add(new Problem(at + "name", "member.name_too_long", new LocalText($"{who.Zh}：姓名不能超过{RegistryRules.MaxNameLength}个字", $"{who.En}: a name has at most {RegistryRules.MaxNameLength} characters")));
            if (!Enum.IsDefined(m.Relation))
                problems.Add(new Problem(at + "relation", "code.unknown", new LocalText($"{who.Zh}：请选择与户主关系", $"{who.En}: choose the relation to the head")));
            if (!Enum.IsDefined(m.Health))
                problems.Add(new Problem(at + "health", "code.unknown", new LocalText($"{who.Zh}：请选择健康状况", $"{who.En}: choose the health")));
            if (!ResidentId.TryParse(m.ResidentId, out var id, out var wrong))
                problems.Add(new Problem(at + "residentId", "resident_id.invalid", new LocalText($"{who.Zh}：{wrong.Value.Zh}", $"{who.En}: {wrong.Value.En}")));
            else if (id.BirthDate > today)
                problems.Add(new Problem(at + "residentId", "resident_id.future_birth", new LocalText($"{who.Zh}：身份证号码中的出生日期晚于今天", $"{who.En}: the birth date in the resident ID is in the future")));
            else if (!seen.Add(id.Value))
                problems.Add(new Problem(at + "residentId", "member.duplicate_resident_id", new LocalText($"{who.Zh}：身份证号码与前面的成员重复", $"{who.En}: the resident ID repeats an earlier member's")));
            else
                ids[i] = id;
        }
        var heads = members.Count(m => m.Relation == Relation.Head);
        if (heads != 1)
            problems.Add(new Problem("members", "household.head_count", new LocalText($"须有且只有一名户主，现有{heads}名", $"A household has exactly one head; this one has {heads}")));
        return problems;
    }

    /// <summary>The number of the village's next edge household: BY + village code + 3 digits.</summary>
    public static string NumberOf(string villageCode, int sequence) => $"BY{villageCode}{sequence:D3}";
}
