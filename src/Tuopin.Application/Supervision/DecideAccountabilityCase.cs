using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>An inspector, the discipline group (<see cref="SupervisionAccess.CanWriteCases"/>) or the county office records a case's decision (the measure and day: 已处理) or closes it (已结案). Audited.</summary>
public sealed class DecideAccountabilityCase(Database database)
{
    public sealed record Request(Guid CaseId, int Version, AccountabilityStatus Status, AccountabilityMeasure Measure, DateOnly? DecidedOn);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        SupervisionAccess.RequireCaseWriter(actor);
        await using var db = database.Open();
        var c = await SupervisionAccess.Cases(db, actor).FirstOrDefaultAsync(x => x.Id == request.CaseId, ct) ?? throw SupervisionAccess.CaseNotFound();
        if (c.Version != request.Version)
            throw new ConflictException(new LocalText("该问责案件已被他人修改，请重新打开后再保存", "Someone else changed this case; reopen and save again"));
        var problems = new List<Problem>();
        if (!Enum.IsDefined(request.Measure)) problems.Add(new Problem("measure", "case.measure", new LocalText("请选择问责方式", "Choose the measure")));
        if (request.Status is not (AccountabilityStatus.Decided or AccountabilityStatus.Closed))
            problems.Add(new Problem("status", "case.status", new LocalText("只能记为已处理或已结案", "A case is decided or closed")));
        if (request.DecidedOn is not { } day || day < c.OpenedOn || day > database.Clock.Today())
            problems.Add(new Problem("decidedOn", "case.decided", new LocalText("处理日期应在立案之后、不晚于今天", "The decision falls after the opening and not after today")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.Entry(c).Property(x => x.Version).OriginalValue = c.Version;
        c.Measure = request.Measure;
        c.DecidedOn = request.DecidedOn;
        c.Status = request.Status;
        c.Version++;
        db.ChangeReason = $"问责{SupervisionRules.CaseStatuses.Name(c.Status).Zh}";
        await db.SaveChangesAsync(ct);
        return c.Version;
    }
}
