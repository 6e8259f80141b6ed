namespace Tuopin.Domain.Places;

/// <summary>A province (省), with its GB/T 2260 code (e.g. 420000 湖北省): the area above the prefectures.</summary>
public sealed class Province
{
    public Guid Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }
}

/// <summary>A prefecture-level area (地级市、自治州), with its GB/T 2260 code (e.g. 422800 恩施土家族苗族自治州).</summary>
public sealed class Prefecture
{
    public Guid Id { get; set; }

    public Guid ProvinceId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }
}

/// <summary>A county (县): the unit that runs a plan and is delisted (摘帽).</summary>
public sealed class County
{
    public Guid Id { get; set; }

    /// <summary>GB/T 2260 code, e.g. 422827.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>Western counties exit at a 3% incidence instead of 2%.</summary>
    public bool IsWestern { get; set; }

    /// <summary>The prefecture (市/州) the county is in, where the database holds it; a database of one county needs none.</summary>
    public Guid? PrefectureId { get; set; }

    public List<Township> Townships { get; set; } = [];
}

/// <summary>A township (乡镇), with its 9-digit statistical code.</summary>
public sealed class Township
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public County? County { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The year the plan has the township exit (出列), if it is a poor township.</summary>
    public int? PlannedExitYear { get; set; }

    public List<Village> Villages { get; set; } = [];
}

public enum VillageKind { Village = 1, Community = 2 }

/// <summary>A village-level unit (村委会 or 社区居委会), with its 12-digit statistical code.</summary>
public sealed class Village
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Township? Township { get; set; }

    public required string Code { get; set; }

    /// <summary>The short name officials use (e.g. 老茶村).</summary>
    public required string Name { get; set; }

    /// <summary>The name in the statistical division list (e.g. 老茶村委会).</summary>
    public required string OfficialName { get; set; }

    public VillageKind Kind { get; set; }

    /// <summary>A poor village (贫困村) of the plan.</summary>
    public bool IsPoor { get; set; }

    public int? PlannedExitYear { get; set; }

    public Guid? ZoneId { get; set; }

    public Zone? Zone { get; set; }

    /// <summary>Rural registered population (户籍人口), the denominator of the incidence rate.</summary>
    public int? RegisteredPopulation { get; set; }

    public List<VillageGroup> Groups { get; set; } = [];
}

/// <summary>A village group (村民小组).</summary>
public sealed class VillageGroup
{
    public Guid Id { get; set; }

    public Guid VillageId { get; set; }

    public int Number { get; set; }

    public required string Name { get; set; }
}

/// <summary>A zone (片区) that groups villages for area development.</summary>
public sealed class Zone
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public required string Name { get; set; }

    public int Order { get; set; }
}
