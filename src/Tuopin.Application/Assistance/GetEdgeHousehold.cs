using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

/// <summary>
/// An edge household under watch (监测户) as its page shows it: who lives there (resident IDs and the phone masked
/// unless the role needs them), its monitoring cases, and a year's measures with the plan's arithmetic — the same
/// arithmetic a registered household's plan uses, on the income per head recorded at enrolment.
/// </summary>
public sealed class GetEdgeHousehold(Database database)
{
    public sealed record MemberView(Guid Id, string Name, Relation Relation, Sex Sex, int Age, ShownId ResidentId, Health Health);

    public sealed record Result(
        Guid Id, int Version, string Number, EdgeKind Kind, Guid VillageId, string Township, string Village, string? Address, ShownId? Phone,
        decimal IncomePerHead, IReadOnlyList<MemberView> Members, IReadOnlyList<MonitoringCaseView> Cases, int Year,
        IReadOnlyList<GetHouseholdAssistance.MeasureView> Measures, PlanSufficiency Plan, bool CanWrite, bool CanReview);

    public async Task<Result> HandleAsync(Guid id, int? year = null, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var h = await db.EdgeHouseholds.AsNoTracking().Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw EdgeHouseholdsOf.NotFound();
        var place = await db.Villages.AsNoTracking().Where(v => v.Id == h.VillageId).Select(v => new { v.Name, Township = v.Township!.Name }).FirstAsync(ct);
        var today = database.Clock.Today();
        var y = year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        var day = AssistanceRules.DayOf(y, today);
        var members = h.Members.OrderBy(m => m.Relation == Relation.Head ? 0 : 1).ThenBy(m => m.BirthDate)
            .Select(m => new MemberView(m.Id, m.Name, m.Relation, m.Sex, Ages.On(m.BirthDate, day),
                RegistryMapping.Show(actor, database.Protector, m.ResidentIdCipher, Masking.ResidentId), m.Health)).ToList();
        var watchDay = await MonitoringCases.WatchDayAsync(db, database.Clock, ct);
        var cases = (await db.MonitoringCases.AsNoTracking().Where(c => c.EdgeHouseholdId == id).OrderByDescending(c => c.EnrolledOn).ToListAsync(ct))
            .Select(c => MonitoringCaseView.Of(c, watchDay)).ToList();
        var measures = await AssistanceAccess.Readable(db.Measures.AsNoTracking(), actor).Where(m => m.EdgeHouseholdId == id && m.Year == y)
            .OrderBy(m => m.Type).ThenBy(m => m.CreatedAt)
            .Select(m => new
            {
                m.Id, m.Version, m.Year, m.Type, m.Content, m.Amount, m.ExpectedIncome, m.CadreId,
                Cadre = db.Cadres.Where(c => c.Id == m.CadreId).Select(c => c.Name).FirstOrDefault(),
                m.PlannedOn, m.DoneOn, m.Status, m.EffectIncome, m.EffectNote, m.RecordedBy, m.ReviewedBy, m.ReviewedAt,
            })
            .ToListAsync(ct);
        var views = measures.Select(m => new GetHouseholdAssistance.MeasureView(m.Id, m.Version, m.Year, m.Type, m.Content, null, null, m.Amount.Yuan, m.ExpectedIncome.Yuan,
            m.CadreId, m.Cadre, m.PlannedOn, m.DoneOn, m.Status, m.EffectIncome?.Yuan, m.EffectNote, m.RecordedBy, m.ReviewedBy, m.ReviewedAt,
            AssistanceAccess.CanWriteMeasure(actor, m.Type))).ToList();
        // Every measure counts in the plan, whoever asks (a department sees only its own, the plan sees them all).
        var facts = await db.Measures.AsNoTracking().IgnoreQueryFilters().Where(m => m.EdgeHouseholdId == id && m.Year == y)
            .Select(m => new { m.Type, m.Status, m.ExpectedIncome, m.EffectIncome, m.EffectNote }).ToListAsync(ct);
        var line = (await db.PovertyLines.AsNoTracking().FirstOrDefaultAsync(l => l.Year == y, ct))?.Amount;
        var size = h.Members.Count;
        var enrolled = cases.Count > 0 ? cases.Min(c => c.EnrolledOn).Year - 1 : (int?)null;
        var plan = PlanSufficiency.Evaluate(y, new Money(h.IncomePerHead.Fen * size), enrolled, size,
            facts.Select(m => new MeasureFact(m.Type, m.Status, m.ExpectedIncome, m.EffectIncome is not null || !string.IsNullOrWhiteSpace(m.EffectNote))), line);
        var phone = h.PhoneCipher is null ? null : RegistryMapping.Show(actor, database.Protector, h.PhoneCipher, Masking.Phone);
        return new Result(h.Id, h.Version, h.Number, h.Kind, h.VillageId, place.Township, place.Name, h.Address, phone, h.IncomePerHead.Yuan, members, cases, y,
            views, plan, AssistanceAccess.CanWrite(actor), AssistanceAccess.CanReview(actor));
    }
}
