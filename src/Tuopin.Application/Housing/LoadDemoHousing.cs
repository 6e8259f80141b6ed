using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Housing;

/// <summary>
/// The demo's housing cases, clearly illustrative. The demo's registry is the county at the end of 2017, when the houses
/// of the households lifted out had been made safe (all but one read 安全), so the houses before are the cases' own:
/// about one in twenty households lifted out in 2015–2017 (not those under the return-to-poverty watch) had its house rebuilt or renovated, or was relocated, in its
/// exit year — applied for, approved, built, accepted and paid (the case and its household measure, one record seen from
/// both sides: a new measure, done on the day of payment, "住房已安全"). The category and its reasons are the rule's
/// (<see cref="HousingSubsidies.Assess"/>) on the household as it was then: poor, living in the house the case replaced
/// (grade D or C, or no safe house for a relocation), with its members as they are. Amounts: 60,000 yuan a relocation,
/// 15,000–35,000 a rebuild or renovation (as the demo's assistance measures). The housing measures the demo's plans already
/// hold become their cases at their step (the measure is not written twice). Left for the checks on purpose: of the
/// households lifted out in 2017, <see cref="FailedOnce"/> had their house fail its acceptance and are being redone, and
/// <see cref="AcceptedUnpaid"/> passed acceptance but are still unpaid — households counted out of poverty while their
/// housing case is open (the housing list's steps 施工中 and 已验收 show them). Seeded (<c>DemoSeed.Of(seed, "housing")</c>)
/// and deterministic; bulk-written in one transaction after the assistance.
/// </summary>
public static class LoadDemoHousing
{
    /// <summary>Cases left failed once and being redone, and cases accepted but left unpaid.</summary>
    public const int FailedOnce = 3, AcceptedUnpaid = 4;

    public sealed record Result(int Cases, int Paid, int UnderConstruction, int Waiting, int Refused);

    private const string Operator = "演示数据";

    private static readonly string[] Sites = ["翔凤镇老虎洞安置点", "绿水镇集镇安置点", "百福司镇新安安置点", "大河镇五道水安置点"];

    private sealed record Candidate(Guid HouseholdId, string Number, Guid CountyId, Guid TownshipId, Guid VillageId, HousingSafety Housing, bool IsAdobeHouse,
        HouseholdAttribute Attribute, Guid? MeasureId, MeasureType? Type, int Year, Money? Amount, MeasureStatus? Status, DateOnly? PlannedOn, DateOnly? DoneOn);

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = LoadDemo.DefaultSeed, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator(Operator);
        if (await db.HousingCases.AnyAsync(ct))
            throw new ConflictException(new LocalText("该数据库已有住房项目，不再载入演示数据", "This database already holds housing cases; the demo's are not loaded"));
        var planned = await (
            from m in db.Measures.AsNoTracking()
            where m.HouseholdId != null && (m.Type == MeasureType.HousingRenovation || m.Type == MeasureType.Relocation) && m.Status != MeasureStatus.Cancelled
            join h in db.Households.AsNoTracking() on m.HouseholdId equals h.Id
            select new Candidate(h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.Housing, h.IsAdobeHouse, h.Attribute, m.Id, m.Type, m.Year, m.Amount, m.Status, m.PlannedOn, m.DoneOn))
            .ToListAsync(ct);
        var withMeasure = planned.Select(c => c.HouseholdId).ToHashSet();
        // Households under the return-to-poverty watch keep the watch's own measures only.
        withMeasure.UnionWith(await db.MonitoringCases.AsNoTracking().Where(c => c.HouseholdId != null).Select(c => c.HouseholdId!.Value).ToListAsync(ct));
        var exited = await db.Households.AsNoTracking()
            .Where(h => h.Status == HouseholdStatus.Exited && h.ExitYear >= 2015 && h.ExitYear <= 2017 && h.ClosedOn == null)
            .Select(h => new { h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.Housing, h.IsAdobeHouse, h.Attribute, ExitYear = h.ExitYear!.Value })
            .ToListAsync(ct);
        var random = new Random(DemoSeed.Of(seed, "housing"));
        var sampled = exited.Where(h => !withMeasure.Contains(h.Id)).OrderBy(h => h.Number, StringComparer.Ordinal).Where(_ => random.NextDouble() < 0.05)
            .Select(h => new Candidate(h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.Housing, h.IsAdobeHouse, h.Attribute, null, null, h.ExitYear, null, null, null, null))
            .ToList();
        var candidates = planned.Concat(sampled).OrderBy(c => c.Number, StringComparer.Ordinal).ThenBy(c => c.Year).ToList();
        var ids = candidates.Select(c => c.HouseholdId).Distinct().ToList();
        var members = (await db.Members.AsNoTracking().Where(m => ids.Contains(m.HouseholdId) && m.Status == MemberStatus.Present)
            .Select(m => new { m.HouseholdId, m.Labour, m.Health, m.DisabilityGrade }).ToListAsync(ct))
            .ToLookup(m => m.HouseholdId);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var cases = new List<HousingCase>();
        var measures = new List<Measure>();
        var refused = 0;
        var failed = 0;
        var unpaid = 0;
        var done = new HashSet<Guid>();
        foreach (var h in candidates)
        {
            if (!done.Add(h.HouseholdId)) continue; // one live case a household
            var kind = h.Type is { } type ? (type == MeasureType.Relocation ? HousingCaseKind.Relocation : HousingCaseKind.Renovation)
                : random.NextDouble() < 0.3 ? HousingCaseKind.Relocation : HousingCaseKind.Renovation;
            var unsafeHouse = h.Housing is HousingSafety.NoHouse or HousingSafety.DangerC or HousingSafety.DangerD;
            var before = unsafeHouse || h.IsAdobeHouse ? h.Housing
                : kind == HousingCaseKind.Relocation ? (random.NextDouble() < 0.5 ? HousingSafety.NoHouse : HousingSafety.DangerD)
                : random.NextDouble() < 0.4 ? HousingSafety.DangerD : HousingSafety.DangerC;
            var present = members[h.HouseholdId].ToList();
            var facts = new HousingFacts(HouseholdStatus.NotExited, before, h.IsAdobeHouse, h.Attribute, present.Count,
                present.Count(p => p.Labour is LabourSkill.Ordinary or LabourSkill.Skilled), present.Count(p => HousingSubsidies.IsSevere(p.Health, p.DisabilityGrade)), null, null, null);
            var eligibility = HousingSubsidies.Assess(facts);
            if (eligibility.Category is not { } category) { refused++; continue; }
            var settlement = kind == HousingCaseKind.Relocation ? (random.NextDouble() < 0.7 ? Settlement.Centralised : Settlement.Dispersed) : (Settlement?)null;
            var site = settlement == Settlement.Centralised ? Sites[random.Next(Sites.Length)] : null;
            var amount = h.Amount ?? (kind == HousingCaseKind.Relocation ? Money.FromYuan(60_000m) : Money.FromYuan(1_000m * random.Next(15, 36)));
            // A sampled household's case ran in its exit year, paid before the year's assessment; a planned measure's on its own days.
            var status = h.Status ?? MeasureStatus.Done;
            var doneOn = h.MeasureId is null ? new DateOnly(h.Year, 3, 1).AddDays(random.Next(90, 240)) : h.DoneOn;
            var left = h.MeasureId is null && h.Year == 2017 && (failed < FailedOnce || unpaid < AcceptedUnpaid);
            if (left) status = MeasureStatus.InProgress;
            var appliedOn = h.PlannedOn is { } p && p > new DateOnly(2014, 12, 31) ? p : new DateOnly(Math.Max(h.Year, 2015), 1, 5);
            if (h.MeasureId is null) appliedOn = new DateOnly(h.Year, 1, 5).AddDays(random.Next(0, 50));
            if (status == MeasureStatus.Done && doneOn is { } d && d.AddDays(-90) < appliedOn) appliedOn = d.AddDays(-90);
            if (HousingCases.CheckApplication(kind, category, settlement, site, appliedOn, appliedOn).Count > 0) { refused++; continue; }
            var measureId = h.MeasureId ?? Guid.CreateVersion7();
            var c = new HousingCase
            {
                Id = Guid.CreateVersion7(), HouseholdId = h.HouseholdId, CountyId = h.CountyId, TownshipId = h.TownshipId, VillageId = h.VillageId,
                Year = h.Year, Kind = kind, Settlement = settlement, SiteName = site, Category = category,
                CategoryReasons = string.Join("\n", eligibility.Reasons.Select(r => r.Zh)), CategoryReasonsEn = string.Join("\n", eligibility.Reasons.Select(r => r.En)),
                Step = HousingStep.Applied, AppliedOn = appliedOn, ApplicationNote = "示意数据", MeasureId = measureId,
                RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
            };
            var n = cases.Count + 1;
            void Approve(DateOnly on)
            {
                c.Step = HousingStep.Approved; c.ApprovedOn = on; c.ApprovedBy = "县扶贫办"; c.Amount = amount;
                c.ApprovalDocument = $"来扶贫发〔{on.Year}〕{10 + (n % 90)}号（示意）";
            }
            void Start(DateOnly on) { c.Step = HousingStep.UnderConstruction; c.StartedOn = on; }
            void Accept(DateOnly on, AcceptanceResult result, string note)
            {
                c.Step = result == AcceptanceResult.Pass ? HousingStep.Accepted : HousingStep.UnderConstruction;
                c.AcceptedOn = on; c.AcceptedBy = "乡镇住建站验收组"; c.AcceptanceResult = result; c.AcceptanceNote = note;
            }
            if (status == MeasureStatus.Done && doneOn is { } paidOn)
            {
                Approve(appliedOn.AddDays(20));
                Start(appliedOn.AddDays(35));
                Accept(paidOn.AddDays(-10), AcceptanceResult.Pass, $"验收记录 YS-{paidOn.Year}-{n:D4}：合格");
                c.Step = HousingStep.Paid; c.PaidOn = paidOn; c.PaidAmount = amount; c.PaymentVoucher = $"LF-ZF-{paidOn.Year}-{n:D4}";
            }
            else if (status == MeasureStatus.InProgress)
            {
                Approve(appliedOn.AddDays(20));
                Start(appliedOn.AddDays(35));
                if (left && failed < FailedOnce)
                {
                    failed++;
                    Accept(appliedOn.AddDays(120), AcceptanceResult.Fail, "墙体砂浆不饱满、屋面漏雨，限期返工后重新验收");
                    c.FailedAcceptances = 1;
                }
                else if (left)
                {
                    unpaid++;
                    Accept(appliedOn.AddDays(120), AcceptanceResult.Pass, $"验收记录 YS-{appliedOn.Year}-{n:D4}：合格");
                }
            }
            else if (random.NextDouble() < 0.5) Approve(appliedOn.AddDays(20));
            if (h.MeasureId is null)
                measures.Add(new Measure
                {
                    Id = measureId, HouseholdId = h.HouseholdId, CountyId = h.CountyId, TownshipId = h.TownshipId, VillageId = h.VillageId, Year = h.Year,
                    Type = HousingCases.MeasureTypeOf(kind), Content = HousingCases.ContentOf(kind, category, settlement, site), Amount = amount,
                    PlannedOn = appliedOn, Status = HousingCases.MeasureStatusOf(c.Step), DoneOn = c.PaidOn, EffectNote = c.PaidOn is null ? null : HousingCases.PaidEffect,
                    RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
                });
            cases.Add(c);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, measures, ct);
        await BulkWriter.InsertAsync(db, cases, ct);
        var batch = Guid.CreateVersion7();
        var paid = cases.Count(c => c.Step == HousingStep.Paid);
        var building = cases.Count(c => c.Step == HousingStep.UnderConstruction);
        db.AuditEntries.Add(new AuditEntry
        {
            Id = batch, At = now, UserName = Operator, Action = AuditAction.Bulk, EntityType = nameof(HousingCase), EntityId = batch, CorrelationId = batch,
            Changes = JsonSerializer.Serialize(new { source = "Laifeng demo housing cases (illustrative)", seed, cases = cases.Count, newMeasures = measures.Count, paid, underConstruction = building, failedOnce = failed, acceptedUnpaid = unpaid, refused }),
            Reason = "载入来凤县演示住房项目（示意）",
            CountyId = AuditCounties.Shared(cases.Select(c => c.CountyId)),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(cases.Count, paid, building, cases.Count - paid - building, refused);
    }
}
