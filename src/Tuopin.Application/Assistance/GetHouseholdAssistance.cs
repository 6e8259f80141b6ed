using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// A household's 帮扶 tab for a year: its responsible cadre and the pairing history, the year's measures, its plan
/// with the arithmetic against the poverty line, and what the assistance rules find in it. The rules are those of
/// the coverage counts, built from the same facts. A line department sees only the measures of its kinds.
/// </summary>
public sealed class GetHouseholdAssistance(Database database)
{
    public sealed record Pairing(Guid Id, Guid CadreId, string Cadre, string WorkUnit, string? Position, ShownId? Phone, DateOnly StartedOn, DateOnly? EndedOn, string? EndReason, string RecordedBy);

    public sealed record MeasureView(
        Guid Id, int Version, int Year, MeasureType Type, string Content, Guid? MemberId, string? Member, decimal Amount, decimal ExpectedIncome,
        Guid? CadreId, string? Cadre, DateOnly? PlannedOn, DateOnly? DoneOn, MeasureStatus Status, decimal? EffectIncome, string? EffectNote,
        string RecordedBy, string? ReviewedBy, DateTime? ReviewedAt, bool CanEdit);

    public sealed record Finding(string Code, LocalText Name, LocalText Explanation);

    public sealed record Result(
        Guid HouseholdId, string Number, int Year, bool PoorInYear, Pairing? Current, IReadOnlyList<Pairing> History, IReadOnlyList<MeasureView> Measures,
        PlanSufficiency? Plan, IReadOnlyList<Finding> Findings, bool CanWrite, bool CanReview, IReadOnlyList<MonitoringCaseView> Watch);

    public async Task<Result> HandleAsync(Guid householdId, int? year = null, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId).Select(h => new { h.Id, h.Number }).FirstOrDefaultAsync(ct)
            ?? throw RegistryMapping.HouseholdNotFound();
        var y = year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        var day = AssistanceRules.DayOf(y, database.Clock.Today());

        var pairings = await db.CadreAssignments.AsNoTracking().Where(a => a.HouseholdId == householdId)
            .OrderByDescending(a => a.StartedOn)
            .Select(a => new { a.Id, a.CadreId, a.Cadre!.Name, a.Cadre.WorkUnit, a.Cadre.Position, a.Cadre.PhoneCipher, a.StartedOn, a.EndedOn, a.EndReason, a.RecordedBy })
            .ToListAsync(ct);
        var history = pairings.Select(p => new Pairing(p.Id, p.CadreId, p.Name, p.WorkUnit, p.Position,
            p.PhoneCipher is null ? null : RegistryMapping.Show(actor, database.Protector, p.PhoneCipher, Masking.Phone),
            p.StartedOn, p.EndedOn, p.EndReason, p.RecordedBy)).ToList();
        var current = history.FirstOrDefault(p => p.StartedOn <= day && (p.EndedOn is null || p.EndedOn >= day));

        var measures = await AssistanceAccess.Readable(db.Measures.AsNoTracking(), actor).Where(m => m.HouseholdId == householdId && m.Year == y)
            .OrderBy(m => m.Type).ThenBy(m => m.CreatedAt)
            .Select(m => new
            {
                m.Id, m.Version, m.Year, m.Type, m.Content, m.MemberId,
                Member = db.Members.Where(x => x.Id == m.MemberId).Select(x => x.Name).FirstOrDefault(),
                m.Amount, m.ExpectedIncome, m.CadreId,
                Cadre = db.Cadres.Where(c => c.Id == m.CadreId).Select(c => c.Name).FirstOrDefault(),
                m.PlannedOn, m.DoneOn, m.Status, m.EffectIncome, m.EffectNote, m.RecordedBy, m.ReviewedBy, m.ReviewedAt,
            })
            .ToListAsync(ct);
        var views = measures.Select(m => new MeasureView(m.Id, m.Version, m.Year, m.Type, m.Content, m.MemberId, m.Member, m.Amount.Yuan, m.ExpectedIncome.Yuan,
            m.CadreId, m.Cadre, m.PlannedOn, m.DoneOn, m.Status, m.EffectIncome?.Yuan, m.EffectNote, m.RecordedBy, m.ReviewedBy, m.ReviewedAt,
            AssistanceAccess.CanWriteMeasure(actor, m.Type))).ToList();

        // The plan and the rules read every measure of the household, whoever asks: a department's partial view would
        // otherwise call a covered household uncovered.
        var facts = (await AssistanceFacts.BuildAsync(db, AssistanceFacts.PoorIn(db, y).Where(h => h.Id == householdId), y, day, ct)).FirstOrDefault();
        var findings = facts is null ? [] : AssistanceRules.Findings(facts).Select(r => new Finding(r.Code, r.Name, r.Explanation)).ToList();
        // The return-to-poverty watch: the household's cases, the open one first.
        var today = await MonitoringCases.WatchDayAsync(db, database.Clock, ct);
        var watch = (await db.MonitoringCases.AsNoTracking().Where(c => c.HouseholdId == householdId).OrderBy(c => c.ClosedOn == null ? 0 : 1).ThenByDescending(c => c.EnrolledOn)
            .ToListAsync(ct)).Select(c => MonitoringCaseView.Of(c, today)).ToList();
        return new Result(household.Id, household.Number, y, facts is not null, current, history, views, facts?.Plan, findings,
            AssistanceAccess.CanWrite(actor), AssistanceAccess.CanReview(actor), watch);
    }
}
