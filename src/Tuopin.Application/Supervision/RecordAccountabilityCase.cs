using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// An inspector, an account of the discipline group (执纪问责组 or a member department such as 县纪委) or the county office opens an accountability case (问责): the unit held to
/// account and the person in it if one, the cause, the finding, project or payment behind it (each checked to exist in the
/// county), the measure, the day opened and, if decided already, the day decided. Its area is the unit's (a township
/// office's township, a village team's village), whose officers read it. Audited.
/// </summary>
public sealed class RecordAccountabilityCase(Database database)
{
    public sealed record Request(int Year, Guid SubjectUnitId, Guid? SubjectPersonId, string Cause, AccountabilityMeasure Measure, DateOnly OpenedOn,
        DateOnly? DecidedOn = null, Guid? FindingId = null, Guid? ProjectId = null, Guid? DisbursementId = null);

    public async Task<RecordInspection.Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        SupervisionAccess.RequireCaseWriter(actor);
        await using var db = database.Open();
        var county = await OrganisationAccess.CountyIdAsync(db, actor, ct);
        var problems = new List<Problem>();
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == request.SubjectUnitId && u.CountyId == county).Select(u => new { u.TownshipId, u.VillageId }).FirstOrDefaultAsync(ct);
        if (unit is null) problems.Add(new Problem("subjectUnitId", "case.unit", new LocalText("请选择问责的单位", "Choose the unit held to account")));
        if (request.SubjectPersonId is { } person && !await db.UnitPeople.AnyAsync(p => p.Id == person && p.UnitId == request.SubjectUnitId, ct))
            problems.Add(new Problem("subjectPersonId", "case.person", new LocalText("该人员不在所选单位", "The person is not in the unit chosen")));
        if (string.IsNullOrWhiteSpace(request.Cause) || request.Cause.Trim().Length > 1000)
            problems.Add(new Problem("cause", "case.cause", new LocalText("请填写问责事由（不超过1000个字）", "Give the cause, at most 1000 characters")));
        if (!Enum.IsDefined(request.Measure))
            problems.Add(new Problem("measure", "case.measure", new LocalText($"问责方式应为：{string.Join("、", SupervisionRules.Measures.Items.Select(i => i.Zh))}", $"The measure is one of: {string.Join(", ", SupervisionRules.Measures.Items.Select(i => i.En))}")));
        if (request.DecidedOn is { } decided && decided < request.OpenedOn)
            problems.Add(new Problem("decidedOn", "case.decided", new LocalText("处理日期不能早于立案日期", "The decision cannot be before the case was opened")));
        if (request.OpenedOn > database.Clock.Today())
            problems.Add(new Problem("openedOn", "case.opened", new LocalText("立案日期不能晚于今天", "The case cannot be opened after today")));
        if (request.FindingId is { } finding && !await db.Findings.AnyAsync(f => f.Id == finding && f.CountyId == county, ct))
            problems.Add(new Problem("findingId", "case.finding", new LocalText("找不到该问题", "No such finding")));
        if (request.ProjectId is { } project && !await db.Projects.AnyAsync(p => p.Id == project && p.CountyId == county, ct))
            problems.Add(new Problem("projectId", "case.project", new LocalText("找不到该项目", "No such project")));
        if (request.DisbursementId is { } payment && !await db.Disbursements.AnyAsync(d => d.Id == payment && d.CountyId == county, ct))
            problems.Add(new Problem("disbursementId", "case.payment", new LocalText("找不到该资金拨付记录", "No such payment")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var c = new AccountabilityCase
        {
            Id = Guid.CreateVersion7(), CountyId = county, Year = request.Year, SubjectUnitId = request.SubjectUnitId, SubjectPersonId = request.SubjectPersonId,
            Cause = request.Cause.Trim(), Measure = request.Measure, OpenedOn = request.OpenedOn, DecidedOn = request.DecidedOn,
            Status = request.DecidedOn is null ? AccountabilityStatus.Open : AccountabilityStatus.Decided,
            FindingId = request.FindingId, ProjectId = request.ProjectId, DisbursementId = request.DisbursementId,
            TownshipId = unit!.TownshipId, VillageId = unit.VillageId, RecordedBy = actor.UserName, Version = 1,
        };
        db.AccountabilityCases.Add(c);
        db.ChangeReason = $"问责：{SupervisionRules.Measures.Name(c.Measure).Zh}";
        await db.SaveChangesAsync(ct);
        return new RecordInspection.Saved(c.Id, c.Version);
    }
}
