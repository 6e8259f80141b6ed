using System.Text.Json;
using Tuopin.Application.Registry;
using Tuopin.Domain.Registry;

namespace Tuopin.Web.Components;

/// <summary>Turns an audit entry into the sentences the household page shows.</summary>
public static class HistoryText
{
    public static string Action(UiText t, HistoryEntry e) => e.Action switch
    {
        "Insert" => t["新增"],
        "Update" => t["修改"],
        "Delete" => t["删除"],
        "Bulk" => t["批量载入"],
        _ => e.Action,
    };

    public static string Entity(UiText t, HistoryEntry e) => e.EntityType switch
    {
        "Household" => t["户信息"],
        "Member" => t["成员"],
        "HouseholdIncome" => t["收入"],
        "HouseholdStatusChange" => t["脱贫状态"],
        _ => e.EntityType,
    };

    public static IEnumerable<string> Changes(UiText t, HistoryEntry e)
    {
        using var json = JsonDocument.Parse(e.Changes);
        if (e.Action == "Bulk")
        {
            // A bulk load's record (an import, the demo data set): its counts, in words; keys without a label are not shown.
            foreach (var p in json.RootElement.EnumerateObject())
            {
                if (!BulkLabels.TryGetValue(p.Name, out var name)) continue;
                var value = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                    : p.Name == "source" ? p.Value.GetString() switch { "import" => t["文件导入"], "demo" => t["来凤县演示数据（示意，人员均为虚构）"], var other => other ?? "—" }
                    : p.Value.ToString();
                yield return $"{t[name]}：{value}";
            }
            yield break;
        }
        foreach (var field in json.RootElement.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.Object) continue;
            var before = Show(t, field.Name, field.Value.GetProperty("old"));
            var after = Show(t, field.Name, field.Value.GetProperty("new"));
            var label = FieldLabels.Of(field.Name) is { } known ? t[known] : field.Name;
            yield return e.Action switch
            {
                "Insert" => $"{label}：{after}",
                "Delete" => $"{label}：{before}",
                _ => $"{label}：{before} → {after}",
            };
        }
    }

    internal static readonly Dictionary<string, string> BulkLabels = new()
    {
        ["source"] = "来源", ["file"] = "文件", ["seed"] = "生成编号", ["villageGroups"] = "村民小组数", ["households"] = "户数",
        ["members"] = "人数", ["incomes"] = "收入记录数", ["statusChanges"] = "脱贫状态记录数",
    };

    private static string Show(UiText t, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return "—";
        if (value.ValueKind == JsonValueKind.True) return t["是"];
        if (value.ValueKind == JsonValueKind.False) return t["否"];
        if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
        var text = value.GetString() ?? string.Empty;
        return field switch
        {
            "sex" => Enum.TryParse<Sex>(text, out var s) ? t.Code(Codes.Sexes, s) : text,
            "relation" => Enum.TryParse<Relation>(text, out var r) ? t.Code(Codes.Relations, r) : text,
            "education" => Enum.TryParse<Education>(text, out var ed) ? t.Code(Codes.Educations, ed) : text,
            "schooling" => Enum.TryParse<Schooling>(text, out var sc) ? t.Code(Codes.Schoolings, sc) : text,
            "health" => Enum.TryParse<Health>(text, out var h) ? t.Code(Codes.Healths, h) : text,
            "labour" => Enum.TryParse<LabourSkill>(text, out var l) ? t.Code(Codes.LabourSkills, l) : text,
            "migrantWork" => Enum.TryParse<MigrantWork>(text, out var m) ? t.Code(Codes.MigrantWorks, m) : text,
            "status" or "to" or "from" => Enum.TryParse<HouseholdStatus>(text, out var st) ? t.Code(Codes.Statuses, st) : Enum.TryParse<MemberStatus>(text, out var ms) ? t.Code(Codes.MemberStatuses, ms) : text,
            "attribute" => Enum.TryParse<HouseholdAttribute>(text, out var a) ? t.Code(Codes.Attributes, a) : text,
            "mainCause" or "otherCause1" or "otherCause2" => Enum.TryParse<PovertyCause>(text, out var c) ? t.Code(Codes.Causes, c) : text,
            "housing" => Enum.TryParse<HousingSafety>(text, out var hs) ? t.Code(Codes.Housings, hs) : text,
            "entryRoad" => Enum.TryParse<EntryRoad>(text, out var er) ? t.Code(Codes.EntryRoads, er) : text,
            "mainFuel" => Enum.TryParse<Fuel>(text, out var f) ? t.Code(Codes.Fuels, f) : text,
            "standard" => Enum.TryParse<IdentificationStandard>(text, out var sd) ? t.Code(Codes.Standards, sd) : text,
            "ethnicityCode" => Codes.Ethnicities.TryFind(text, out var eth) ? t.Of(eth.Name) : text,
            _ => text,
        };
    }
}
