using Tuopin.Application.Storage;
using Microsoft.EntityFrameworkCore;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;
using Tuopin.Domain.Registry;
using Tuopin.Application.Common;

namespace Tuopin.Application.Housing;

/// <summary>
/// One housing case as its page shows it: the household, the kind and settlement, the category with the rule's reasons,
/// every step taken with its day and papers, the measure it is, and the actions the user may take next.
/// </summary>
public sealed class GetHousingCase(Database database)
{
    public sealed record Detail(
        Guid Id, int Version, Guid HouseholdId, string Number, string Head, string Township, string Village, int Year,
        HousingCaseKind Kind, Settlement? Settlement, string? SiteName, HousingSubsidyCategory Category, IReadOnlyList<LocalText> Reasons,
        decimal? Amount, HousingStep Step, bool Stalled,
        DateOnly AppliedOn, string? ApplicationNote, string RecordedBy,
        DateOnly? ApprovedOn, string? ApprovedBy, string? ApprovalDocument,
        DateOnly? StartedOn,
        DateOnly? AcceptedOn, string? AcceptedBy, AcceptanceResult? AcceptanceResult, string? AcceptanceNote, int FailedAcceptances,
        DateOnly? PaidOn, decimal? PaidAmount, string? PaymentVoucher,
        DateOnly? CancelledOn, string? CancelReason,
        Guid MeasureId, Domain.Assistance.MeasureStatus? MeasureStatus, IReadOnlyList<HousingAction> Allowed);

    public async Task<Detail> HandleAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var found = await (from x in db.HousingCases.AsNoTracking()
                           join hh in db.Households on x.HouseholdId equals hh.Id
                           join vil in db.Villages on x.VillageId equals vil.Id
                           where x.Id == id
                           select new
                           {
                               Case = x, hh.Number, Township = vil.Township!.Name, Village = vil.Name,
                               Head = hh.Members.Where(m => m.Relation == Relation.Head && m.Status == MemberStatus.Present).Select(m => m.Name).FirstOrDefault(),
                               MeasureStatus = db.Measures.Where(m => m.Id == x.MeasureId).Select(m => (Domain.Assistance.MeasureStatus?)m.Status).FirstOrDefault(),
                           }).FirstOrDefaultAsync(ct) ?? throw HousingCaseAccess.NotFound();
        var c = found.Case;
        var reasons = c.CategoryReasons.Split('\n').Zip(c.CategoryReasonsEn.Split('\n'), (zh, en) => new LocalText(zh, en)).ToList();
        return new Detail(c.Id, c.Version, c.HouseholdId, found.Number, found.Head ?? string.Empty, found.Township, found.Village, c.Year,
            c.Kind, c.Settlement, c.SiteName, c.Category, reasons, c.Amount?.Yuan, c.Step, HousingCases.IsStalled(c, database.Clock.Today()),
            c.AppliedOn, c.ApplicationNote, c.RecordedBy, c.ApprovedOn, c.ApprovedBy, c.ApprovalDocument, c.StartedOn,
            c.AcceptedOn, c.AcceptedBy, c.AcceptanceResult, c.AcceptanceNote, c.FailedAcceptances, c.PaidOn, c.PaidAmount?.Yuan, c.PaymentVoucher,
            c.CancelledOn, c.CancelReason, c.MeasureId, found.MeasureStatus, HousingCaseAccess.AllowedFor(database.Actor, c.Step, c.AcceptanceResult));
    }
}
