using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;

namespace Tuopin.Application.Housing;

/// <summary>
/// A household applies for a renovation or a relocation (申请危房改造、易地扶贫搬迁): the subsidy rule decides its category
/// (<see cref="HousingSubsidies.Assess"/>, read by <see cref="AssessHousingEligibility"/>) and its reasons are kept on the
/// case; a household that fits no category is refused with the rule's reasons. The case and its household measure
/// (planned, of the working year) are created together. A household has one live case at a time.
/// </summary>
public sealed class ApplyForHousing(Database database, AssessHousingEligibility assess)
{
    public sealed record Request(Guid HouseholdId, HousingCaseKind Kind, Settlement? Settlement = null, string? SiteName = null, DateOnly? AppliedOn = null, string? Note = null);

    public sealed record Saved(Guid Id, int Version, Guid MeasureId, HousingSubsidyCategory Category);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!HousingCaseAccess.CanApply(actor))
            throw new ForbiddenException(new LocalText("当前角色不能申请住房项目", "This role may not apply for a housing case"));
        var eligibility = await assess.HandleAsync(request.HouseholdId, ct: ct);
        if (eligibility.Category is not { } category)
            throw new InvalidRequestException(eligibility.Reasons.Select(r => new Problem("householdId", "housing.not_eligible", r))
                .Prepend(new Problem("householdId", "housing.not_eligible", new LocalText("该户不符合住房补助条件", "The household fits no housing subsidy"))).ToList());
        var today = database.Clock.Today();
        var appliedOn = request.AppliedOn ?? today;
        var problems = HousingCases.CheckApplication(request.Kind, category, request.Settlement, request.SiteName, appliedOn, today);
        if (HousingCases.CheckText(request.Note, "note", new LocalText("申请说明", "note"), required: false, max: 500) is { } note) problems.Add(note);
        HousingCaseSteps.ThrowIf(problems);

        await using var db = database.Open();
        var household = await db.Households.AsNoTracking().Where(h => h.Id == request.HouseholdId)
            .Select(h => new { h.Id, h.CountyId, h.TownshipId, h.VillageId }).FirstOrDefaultAsync(ct) ?? throw RegistryMapping.HouseholdNotFound();
        if (await db.HousingCases.AnyAsync(c => c.HouseholdId == household.Id && c.Step != HousingStep.Cancelled, ct))
            throw new InvalidRequestException([new Problem("householdId", "housing.live_case", new LocalText("该户已有住房项目，不能重复申请", "The household already has a housing case"))]);

        var site = request.Kind == HousingCaseKind.Relocation && request.Settlement == Settlement.Centralised ? HousingCaseSteps.Clean(request.SiteName) : null;
        var settlement = request.Kind == HousingCaseKind.Relocation ? request.Settlement : null;
        var measure = new Measure
        {
            Id = Guid.CreateVersion7(), HouseholdId = household.Id, CountyId = household.CountyId, TownshipId = household.TownshipId, VillageId = household.VillageId,
            Year = eligibility.Year, Type = HousingCases.MeasureTypeOf(request.Kind), Content = HousingCases.ContentOf(request.Kind, category, settlement, site),
            Amount = eligibility.Amount is { } yuan ? Money.FromYuan(yuan) : Money.Zero, PlannedOn = appliedOn, Status = MeasureStatus.Planned,
            RecordedBy = actor.UserName, Version = 1,
        };
        var c = new HousingCase
        {
            Id = Guid.CreateVersion7(), HouseholdId = household.Id, CountyId = household.CountyId, TownshipId = household.TownshipId, VillageId = household.VillageId,
            Year = eligibility.Year, Kind = request.Kind, Settlement = settlement, SiteName = site, Category = category,
            CategoryReasons = string.Join("\n", eligibility.Reasons.Select(r => r.Zh)), CategoryReasonsEn = string.Join("\n", eligibility.Reasons.Select(r => r.En)),
            Step = HousingStep.Applied, AppliedOn = appliedOn, ApplicationNote = HousingCaseSteps.Clean(request.Note), MeasureId = measure.Id,
            RecordedBy = actor.UserName, Version = 1,
        };
        db.Measures.Add(measure);
        db.HousingCases.Add(c);
        db.ChangeReason = $"住房项目申请：{HousingCases.Kinds.Name(request.Kind).Zh}";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该户刚被他人申请了住房项目，请重新打开", "Someone else applied for this household just now; reopen it"));
        }
        return new Saved(c.Id, c.Version, measure.Id, category);
    }
}
