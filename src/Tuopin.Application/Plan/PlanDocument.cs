using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tuopin.Application.Plan;

/// <summary>
/// A county's plan as data (e.g. Laifeng's 来凤县“减贫摘帽”工作实施方案 in <c>Plan/Data/laifeng-plan.json</c>):
/// its targets, each with the section of the plan and the words it comes from, its responsible unit and
/// its deadline. Another county writes its own file. The plan names townships and zones; which villages
/// are poor and which form each zone are in the county's places data (<see cref="Places"/>).
/// </summary>
public sealed class PlanDocument
{
    public required PlanCounty County { get; set; }
    public required string Title { get; set; }

    /// <summary>The version of the file; the database numbers its own versions from it.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The county's places data: a built-in name (e.g. <c>laifeng</c>) or a path relative to the plan file.</summary>
    public string? Places { get; set; }

    public string? Notes { get; set; }

    /// <summary>The registration year whose data is the baseline (以2014年数据为基数).</summary>
    public int BaseYear { get; set; }

    public PlanPeriod? Period { get; set; }
    public PlanConsolidation? Consolidation { get; set; }
    public required PlanTotals Totals { get; set; }
    public List<PlanYear> Years { get; set; } = [];
    public List<PlanTownship> Townships { get; set; } = [];
    public PlanZones Zones { get; set; } = new();
    public List<ConditionTarget> Conditions { get; set; } = [];
    public List<FacilityTarget> Facilities { get; set; } = [];
    public List<IndustryTarget> Industries { get; set; } = [];
    public List<TrainingTarget> Training { get; set; } = [];
    public PlanOrganisation? Organisation { get; set; }
    public List<PlanDeadline> Deadlines { get; set; } = [];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public const string BuiltInLaifeng = "laifeng";

    public static PlanDocument Parse(string json) =>
        JsonSerializer.Deserialize<PlanDocument>(json, Json) ?? throw new InvalidDataException("The plan file is empty");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public PlanDocument Clone() => Parse(ToJson());

    /// <summary>The built-in plan of a county (<c>laifeng</c>), embedded in the application.</summary>
    public static string BuiltInText(string name = BuiltInLaifeng)
    {
        var resource = $"Tuopin.Plans.{name}-plan.json";
        using var stream = typeof(PlanDocument).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"No built-in plan '{name}'");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static PlanDocument BuiltIn(string name = BuiltInLaifeng) => Parse(BuiltInText(name));

    /// <summary>The places the plan refers to: built in by name, or a county file beside the plan.</summary>
    public Places.CountyDataSet? LoadPlaces(string? planPath)
    {
        if (string.IsNullOrWhiteSpace(Places)) return null;
        if (Places == Tuopin.Application.Places.CountyDataSet.BuiltInLaifeng) return Tuopin.Application.Places.CountyDataSet.Laifeng();
        var baseDir = planPath is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(planPath))!;
        return Tuopin.Application.Places.CountyDataSet.FromFile(Path.Combine(baseDir, Places));
    }

    /// <summary>Every target that has a value, a responsible unit and a deadline, for editing and listing.</summary>
    public IEnumerable<IPlanTarget> Targets() =>
        new IPlanTarget[] { Totals }.Concat(Years).Concat(Conditions).Concat(Facilities).Concat(Industries).Concat(Training).Concat(Deadlines);
}

/// <summary>Where in the plan a figure comes from: its section (e.g. <c>2(1)</c>) and its words.</summary>
public sealed record PlanSource(string Section, string? Quote);

/// <summary>What every target of the plan has: a key, a name, a responsible unit and where it comes from.</summary>
public interface IPlanTarget
{
    string Key { get; }
    string Label { get; }
    string? Responsible { get; set; }
    PlanSource? Source { get; }
}

public sealed class PlanCounty
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

public sealed class PlanPeriod
{
    public int From { get; set; }
    public int To { get; set; }
    public PlanSource? Source { get; set; }
}

public sealed class PlanConsolidation
{
    public int From { get; set; }
    public int To { get; set; }
    public string? Text { get; set; }
    public PlanSource? Source { get; set; }
}

public sealed class PlanTotals : IPlanTarget
{
    public int Townships { get; set; }
    public int PoorVillages { get; set; }
    public int Households { get; set; }
    public int People { get; set; }
    public string? Responsible { get; set; }
    public PlanSource? Source { get; set; }

    [JsonIgnore] public string Key => "totals";
    [JsonIgnore] public string Label => "总目标";
}

public sealed class PlanCount
{
    public int Households { get; set; }
    public int People { get; set; }
}

public sealed class PlanIncludedYear
{
    public int Year { get; set; }
    public int Households { get; set; }
    public int People { get; set; }
}

/// <summary>A year's target: households and people out of poverty, poor villages to exit.</summary>
public sealed class PlanYear : IPlanTarget
{
    public int Year { get; set; }
    public int Households { get; set; }
    public int People { get; set; }
    public int? PoorVillages { get; set; }

    /// <summary>An earlier year's reduction counted in this year's figure (2015 includes 2014).</summary>
    public PlanIncludedYear? Includes { get; set; }

    /// <summary>The year's own reduction the plan states beside the including figure (实际减贫).</summary>
    public PlanCount? Net { get; set; }

    public string? Responsible { get; set; }
    public PlanSource? Source { get; set; }

    [JsonIgnore] public string Key => $"years.{Year}";
    [JsonIgnore] public string Label => $"{Year}年减贫";
}

public sealed class PlanTownship
{
    public required string Name { get; set; }
    public string? Code { get; set; }
    public int? ExitYear { get; set; }
    public PlanSource? Source { get; set; }
}

public sealed class PlanZones
{
    public int? Count { get; set; }
    public string? Responsible { get; set; }
    public PlanSource? Source { get; set; }
    public List<PlanZone> Items { get; set; } = [];
}

/// <summary>A zone (片区); its villages ("乡镇/村") when the plan names them, else the places data's.</summary>
public sealed class PlanZone
{
    public required string Name { get; set; }
    public List<string>? Villages { get; set; }
}

/// <summary>A village-condition rate to reach (e.g. 行政村通畅率 100%), over villages, natural villages or households.</summary>
public sealed class ConditionTarget : IPlanTarget
{
    public required string Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Percent.</summary>
    public decimal Target { get; set; }

    /// <summary>What the rate counts: 行政村, 自然村 or 农户.</summary>
    public string? Over { get; set; }

    public int? Year { get; set; }
    public string? Responsible { get; set; }
    public PlanSource? Source { get; set; }

    [JsonIgnore] public string Key => $"conditions.{Id}";
    [JsonIgnore] public string Label => Name;
}

public sealed class FacilityTarget : IPlanTarget
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Responsible { get; set; }
    public PlanSource? Source { get; set; }

    [JsonIgnore] public string Key => $"facilities.{Id}";
    [JsonIgnore] public string Label => Name;
}

/// <summary>An industry to reach a size (mu, scale farmers) and lift poor households; parts name other industries that make up its figures.</summary>
public sealed class IndustryTarget : IPlanTarget
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public int? Mu { get; set; }
    public int? ScaleFarmers { get; set; }
    public int? PoorHouseholds { get; set; }
    public List<string>? Parts { get; set; }
    public int? Year { get; set; }
    public string? Responsible { get; set; }
    public PlanSource? Source { get; set; }

    [JsonIgnore] public string Key => $"industries.{Id}";
    [JsonIgnore] public string Label => Name;
}

public sealed class TrainingTarget : IPlanTarget
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public int Count { get; set; }
    public string? Unit { get; set; }

    /// <summary>The count is due every year (每年) rather than once by <see cref="Year"/>.</summary>
    public bool PerYear { get; set; }

    public int? Year { get; set; }
    public string? Responsible { get; set; }
    public PlanSource? Source { get; set; }

    [JsonIgnore] public string Key => $"training.{Id}";
    [JsonIgnore] public string Label => Name;
}

public sealed class PlanOrganisation
{
    public PlanBody? LeadingGroup { get; set; }
    public PlanGroups? WorkingGroups { get; set; }
    public PlanGroups? SpecialTeams { get; set; }
    public PlanBody? TownshipOffices { get; set; }
    public PlanBody? Villages { get; set; }
    public PlanBody? StationedUnits { get; set; }
}

public sealed class PlanBody
{
    public string? Name { get; set; }
    public string? Duty { get; set; }
    public string? FirstResponsible { get; set; }
    public PlanSource? Source { get; set; }
}

public sealed class PlanGroups
{
    public int Count { get; set; }
    public List<string>? Names { get; set; }
    public string? Lead { get; set; }
    public PlanSource? Source { get; set; }
}

/// <summary>A date something is due, for the year it serves (e.g. self-assessment before mid-December of the exit year).</summary>
public sealed class PlanDeadline : IPlanTarget
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public DateOnly Date { get; set; }
    public int Serves { get; set; }

    /// <summary>What it checks: <c>exiting</c> (units exiting that year), <c>households</c>, <c>county</c>, <c>reports</c>.</summary>
    public string? AppliesTo { get; set; }

    /// <summary>The plan implies the date (e.g. a year's targets by its end) rather than stating it.</summary>
    public bool Implied { get; set; }

    public string? Responsible { get; set; }
    public PlanSource? Source { get; set; }

    [JsonIgnore] public string Key => $"deadlines.{Id}";
    [JsonIgnore] public string Label => Name;
}
