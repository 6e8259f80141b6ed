using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Industry;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Industry;

/// <summary>
/// Records a registered household's participation in a plan industry for a year, and in the same save the measure of
/// type Industry in the household's plan that it is (措施内容 names the industry, the scale and the link): one record,
/// seen from both sides. Village officers record their own village's households, township and county officers
/// theirs; the area rule is the registry's.
/// </summary>
public sealed class RecordParticipation(Database database)
{
    public sealed record Fields(string IndustryId, int Year, decimal Scale, bool ScaleFarmer, BenefitLink Link, Guid? MarketEntityId = null);

    /// <remarks><paramref name="HouseholdNumber"/>: the form's 户编号, used instead of the id when given.</remarks>
    public sealed record Request(Guid HouseholdId, Fields Participation, string? Reason = null, string? HouseholdNumber = null);

    public sealed record Saved(Guid Id, Guid MeasureId, int Version);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        IndustryAccess.RequireRecorder(actor);
        await using var db = database.Open();
        var industries = await IndustryAccess.PlanIndustriesAsync(db, actor, ct);
        var f = request.Participation;
        var problems = Check(f, industries);
        // The area filter applies: a household outside the actor's area is not found.
        var number = request.HouseholdNumber?.Trim();
        var household = await db.Households.AsNoTracking().Where(h => string.IsNullOrEmpty(number) ? h.Id == request.HouseholdId : h.Number == number)
            .Select(h => new { h.Id, h.CountyId, h.TownshipId, h.VillageId, h.Status, h.ClosedOn }).FirstOrDefaultAsync(ct)
            ?? throw RegistryMapping.HouseholdNotFound();
        if (household.Status == HouseholdStatus.Removed || household.ClosedOn is not null)
            problems.Add(new Problem("householdId", "participation.household", new LocalText("该户已清退或已注销，不能录入产业帮扶", "The household was removed or closed; no participation can be recorded")));
        string? entityName = null;
        if (f.MarketEntityId is { } entityId)
        {
            entityName = await db.MarketEntities.AsNoTracking().Where(e => e.Id == entityId && e.CountyId == household.CountyId).Select(e => e.Name).FirstOrDefaultAsync(ct);
            if (entityName is null)
                problems.Add(new Problem("marketEntityId", "participation.market_entity", new LocalText("所选市场主体不存在或不是本县的", "The market entity chosen does not exist or is not the county's")));
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        var now = database.Clock.GetUtcNow().UtcDateTime;
        var (participation, measure) = Build(household.Id, household.CountyId, household.TownshipId, household.VillageId, f,
            industries.First(i => i.Id == f.IndustryId).Name, entityName, actor.UserName, now);
        db.Measures.Add(measure);
        db.IndustryParticipations.Add(participation);
        db.ChangeReason = request.Reason;
        await db.SaveChangesAsync(ct);
        return new Saved(participation.Id, measure.Id, participation.Version);
    }

    /// <summary>A participation and its measure, as the form, the import and the demo make them.</summary>
    internal static (IndustryParticipation, Measure) Build(Guid householdId, Guid countyId, Guid townshipId, Guid villageId, Fields f, string industryName, string? entityName, string by, DateTime now)
    {
        var measure = new Measure
        {
            Id = Guid.CreateVersion7(), HouseholdId = householdId, CountyId = countyId, TownshipId = townshipId, VillageId = villageId,
            Year = f.Year, Type = MeasureType.Industry, Content = Content(f, industryName, entityName), Status = MeasureStatus.InProgress,
            RecordedBy = by, Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        var participation = new IndustryParticipation
        {
            Id = Guid.CreateVersion7(), HouseholdId = householdId, CountyId = countyId, TownshipId = townshipId, VillageId = villageId,
            IndustryId = f.IndustryId, Year = f.Year, Scale = f.Scale, ScaleFarmer = f.ScaleFarmer, Link = f.Link, MarketEntityId = f.MarketEntityId,
            MeasureId = measure.Id, RecordedBy = by, Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        return (participation, measure);
    }

    /// <summary>措施内容: 产业帮扶：藤茶 3亩（规模户，订单收购，某某合作社）.</summary>
    public static string Content(Fields f, string industryName, string? entityName)
    {
        var notes = new List<string>();
        if (f.ScaleFarmer) notes.Add("规模户");
        notes.Add(BenefitLinks.Codes.Name(f.Link).Zh);
        if (entityName is not null) notes.Add(entityName);
        var text = $"产业帮扶：{industryName} {f.Scale.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}{IndustryRules.UnitOf(f.IndustryId)}（{string.Join("，", notes)}）";
        return text.Length > 500 ? text[..500] : text;
    }

    /// <summary>The rules of one participation, each problem named by its field (also what the import reports per row).</summary>
    public static List<Problem> Check(Fields f, IReadOnlyList<Plan.IndustryTarget> industries)
    {
        var problems = new List<Problem>();
        if (industries.All(i => i.Id != f.IndustryId))
            problems.Add(new Problem("industryId", "participation.industry", IndustryAccess.UnknownIndustry(f.IndustryId)));
        if (f.Year is < WorkYear.FirstYear or > 2100)
            problems.Add(new Problem("year", "participation.year", new LocalText($"年度须在 {WorkYear.FirstYear} 年以后，填写的是 {f.Year}", $"The year must be {WorkYear.FirstYear} or later: {f.Year}")));
        if (IndustryRules.ScaleFault(f.IndustryId, f.Scale) is { } fault)
            problems.Add(new Problem("scale", "participation.scale", fault));
        if (!Enum.IsDefined(f.Link))
            problems.Add(new Problem("link", "participation.link", new LocalText("请选择利益联结方式", "Choose the benefit link")));
        else if (f.Link is not BenefitLink.Own && f.MarketEntityId is null)
            problems.Add(new Problem("marketEntityId", "participation.market_entity", new LocalText($"“{BenefitLinks.Codes.Name(f.Link).Zh}”须选择带动的市场主体", $"{BenefitLinks.Codes.Name(f.Link).En} needs the market entity that drives it")));
        return problems;
    }
}
