using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Conditions;

namespace Tuopin.Application.Conditions;

/// <summary>What a form, the API or an import row says about one village's conditions in a year.</summary>
public sealed record ConditionFields
{
    public bool HardenedRoad { get; init; }
    public bool BusService { get; init; }
    public int NaturalVillages { get; init; }
    public int NaturalVillagesWithRoad { get; init; }
    public int NaturalVillagesWithPower { get; init; }
    public int Households { get; init; }
    public int PipedWaterHouseholds { get; init; }
    public int SafeWaterHouseholds { get; init; }
    public int ElectricityHouseholds { get; init; }
    public int RadioTvHouseholds { get; init; }
    public bool Broadband { get; init; }
    public bool MobileSignal { get; init; }
    public bool SchoolOrKindergarten { get; init; }
    public bool Clinic { get; init; }
    public bool ServiceCentre { get; init; }
    public bool CulturalCentre { get; init; }
    public string? Note { get; init; }

    public void ApplyTo(VillageCondition c)
    {
        c.HardenedRoad = HardenedRoad;
        c.BusService = BusService;
        c.NaturalVillages = NaturalVillages;
        c.NaturalVillagesWithRoad = NaturalVillagesWithRoad;
        c.NaturalVillagesWithPower = NaturalVillagesWithPower;
        c.Households = Households;
        c.PipedWaterHouseholds = PipedWaterHouseholds;
        c.SafeWaterHouseholds = SafeWaterHouseholds;
        c.ElectricityHouseholds = ElectricityHouseholds;
        c.RadioTvHouseholds = RadioTvHouseholds;
        c.Broadband = Broadband;
        c.MobileSignal = MobileSignal;
        c.SchoolOrKindergarten = SchoolOrKindergarten;
        c.Clinic = Clinic;
        c.ServiceCentre = ServiceCentre;
        c.CulturalCentre = CulturalCentre;
        c.Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
    }

    public static ConditionFields Of(VillageCondition c) => new()
    {
        HardenedRoad = c.HardenedRoad,
        BusService = c.BusService,
        NaturalVillages = c.NaturalVillages,
        NaturalVillagesWithRoad = c.NaturalVillagesWithRoad,
        NaturalVillagesWithPower = c.NaturalVillagesWithPower,
        Households = c.Households,
        PipedWaterHouseholds = c.PipedWaterHouseholds,
        SafeWaterHouseholds = c.SafeWaterHouseholds,
        ElectricityHouseholds = c.ElectricityHouseholds,
        RadioTvHouseholds = c.RadioTvHouseholds,
        Broadband = c.Broadband,
        MobileSignal = c.MobileSignal,
        SchoolOrKindergarten = c.SchoolOrKindergarten,
        Clinic = c.Clinic,
        ServiceCentre = c.ServiceCentre,
        CulturalCentre = c.CulturalCentre,
        Note = c.Note,
    };
}

/// <summary>One village's record of a year, as lists and forms show it.</summary>
public sealed record VillageConditionView(
    Guid Id, Guid VillageId, string VillageCode, string VillageName, Guid TownshipId, string TownshipName,
    int Year, int Version, DateTime UpdatedAt, ConditionFields Fields);

internal static class ConditionAccess
{
    public static void RequireWriter(Actor actor)
    {
        if (!actor.CanWriteConditions)
            throw new ForbiddenException(new LocalText("当前角色只能查看，不能修改村级基础设施数据", "This role may read village conditions but not change them"));
    }

    public static NotFoundException NotFound() =>
        new(new LocalText("没有找到该村该年度的基础设施记录，或该村不在您的管辖范围内", "No record of this village and year in your area"));
}

/// <summary>A coverage target of the plan: the percent, the year it is due and the unit responsible.</summary>
public sealed record ConditionTarget(decimal? Percent, int? Year, string? Responsible);

/// <summary>
/// The plan's village-condition targets and facility duties, read from the plan in force for the
/// user's county (the plan file's <c>conditions</c> and <c>facilities</c>, matched by id), never from code.
/// </summary>
public static class ConditionTargets
{
    public static async Task<IReadOnlyDictionary<ConditionIndicator, ConditionTarget>> LoadAsync(TuopinDb db, Actor actor, CancellationToken ct = default)
    {
        var current = await Plan.GetPlan.CurrentAsync(db, actor, ct);
        return current is null ? new Dictionary<ConditionIndicator, ConditionTarget>() : From(current.Parse());
    }

    public static IReadOnlyDictionary<ConditionIndicator, ConditionTarget> From(Plan.PlanDocument plan)
    {
        var targets = new Dictionary<ConditionIndicator, ConditionTarget>();
        foreach (var c in plan.Conditions)
            if (ConditionIndicators.ByCode(c.Id) is { } info) targets[info.Indicator] = new ConditionTarget(c.Target, c.Year, c.Responsible);
        foreach (var f in plan.Facilities)
            if (ConditionIndicators.ByCode(f.Id) is { } info) targets[info.Indicator] = new ConditionTarget(null, null, f.Responsible);
        return targets;
    }
}
