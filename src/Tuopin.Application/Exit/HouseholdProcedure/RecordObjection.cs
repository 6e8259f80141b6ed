using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>Records an objection raised while the household's exit is on public notice (公示异议).</summary>
public sealed class RecordObjection(Database database)
{
    public sealed record Request(Guid ProcedureId, DateOnly RaisedOn, string RaisedBy, string Content);

    public async Task<Guid> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role is not (Role.VillageOfficer or Role.TownshipOfficer))
            throw new ForbiddenException(new LocalText("公示异议由村、乡镇登记", "Objections are recorded by the village or the township"));
        await using var db = database.Open();
        var p = await db.ExitProcedures.FirstOrDefaultAsync(x => x.Id == request.ProcedureId, ct)
            ?? throw new NotFoundException(new LocalText("没有这个退出程序，或该户不在您的管辖范围内", "No such procedure in your area"));
        var problems = new List<Problem>();
        if (p.Stage != ProcedureStep.PublicNotice || p.Withdrawn || p.NoticeEndsOn is null)
            problems.Add(new Problem("procedureId", "objection.not_on_notice", new LocalText("该户不在公示期内，不能登记公示异议", "The household is not on public notice")));
        else
        {
            var posted = await db.ProcedureSteps.Where(s => s.ProcedureId == p.Id && s.Step == ProcedureStep.PublicNotice).Select(s => s.Date).FirstAsync(ct);
            if (request.RaisedOn < posted || request.RaisedOn > p.NoticeEndsOn)
                problems.Add(new Problem("raisedOn", "objection.outside_notice", new LocalText(
                    $"异议日期须在公示期内（{posted:yyyy-MM-dd} 至 {p.NoticeEndsOn:yyyy-MM-dd}）", $"The objection must be dated within the notice ({posted:yyyy-MM-dd} to {p.NoticeEndsOn:yyyy-MM-dd})")));
        }
        if (request.RaisedOn > database.Clock.Today())
            problems.Add(new Problem("raisedOn", "objection.date_future", new LocalText("日期不能晚于今天", "The date cannot be in the future")));
        if (string.IsNullOrWhiteSpace(request.Content))
            problems.Add(new Problem("content", "objection.content_required", new LocalText("请写明异议内容", "Say what the objection is")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var objection = new ExitObjection
        {
            Id = Guid.CreateVersion7(), ProcedureId = p.Id, HouseholdId = p.HouseholdId,
            CountyId = p.CountyId, TownshipId = p.TownshipId, VillageId = p.VillageId,
            RaisedOn = request.RaisedOn, RaisedBy = string.IsNullOrWhiteSpace(request.RaisedBy) ? "匿名" : request.RaisedBy.Trim(),
            Content = request.Content.Trim(), RecordedBy = actor.UserName,
        };
        db.ExitObjections.Add(objection);
        p.Version++;
        await db.SaveChangesAsync(ct);
        return objection.Id;
    }
}
