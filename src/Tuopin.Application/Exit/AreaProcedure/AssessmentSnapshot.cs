using System.Text.Json;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>One condition of the self-assessment as it stood: its figure against its threshold.</summary>
public sealed record SnapshotCondition(string Rule, LocalText Name, bool Met, string State, LocalText Explanation, decimal? Value, decimal? Threshold);

/// <summary>What the self-assessment found, kept with the step so the application shows what was assessed at the time.</summary>
public sealed record AssessmentSnapshot(
    int Year, AreaExitLevel Level, string Code, string Name, bool Ready, decimal PovertyLine, DateTime AssessedAt,
    AssessExit.Figures? Figures, IReadOnlyList<SnapshotCondition> Conditions)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AssessmentSnapshot? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<AssessmentSnapshot>(json, Json);

    public static AssessmentSnapshot From(AssessExit.Unit unit, AreaExitLevel level, int year, decimal line, DateTime now) => new(
        year, level, unit.Code, unit.Name, unit.Ready, line, now, unit.Figures,
        unit.Conditions.Select(c => new SnapshotCondition(c.Rule, c.Name, c.Met, c.State.ToString(), c.Explanation, c.Value, c.Threshold)).ToList());
}
