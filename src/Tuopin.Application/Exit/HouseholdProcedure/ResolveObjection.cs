using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Exit;

/// <summary>
/// Resolves an objection after checking it. An upheld objection takes the household off this
/// year's exit list; a dismissed one lets the procedure go on once every objection is resolved.
/// </summary>
public sealed class ResolveObjection(Database database)
{
    public sealed record Request(Guid ObjectionId, DateOnly ResolvedOn, bool Upheld, string Resolution);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role is not (Role.VillageOfficer or Role.TownshipOfficer))
            throw new ForbiddenException(new LocalText("公示异议由村、乡镇核实处理", "Objections are resolved by the village or the township"));
        await using var db = database.Open();
        var o = await db.ExitObjections.Include(x => x.Procedure).FirstOrDefaultAsync(x => x.Id == request.ObjectionId, ct)
            ?? throw new NotFoundException(new LocalText("没有这条异议，或不在您的管辖范围内", "No such objection in your area"));
        var problems = new List<Problem>();
        if (o.Resolved)
            problems.Add(new Problem("objectionId", "objection.already_resolved", new LocalText($"该异议已于 {o.ResolvedOn:yyyy-MM-dd} 处理", $"The objection was resolved on {o.ResolvedOn:yyyy-MM-dd}")));
        if (string.IsNullOrWhiteSpace(request.Resolution))
            problems.Add(new Problem("resolution", "objection.resolution_required", new LocalText("请写明核实结果和处理意见", "Say what was found and decided")));
        if (request.ResolvedOn < o.RaisedOn)
            problems.Add(new Problem("resolvedOn", "objection.resolved_before_raised", new LocalText("处理日期早于异议日期", "The resolution is dated before the objection")));
        if (request.ResolvedOn > database.Clock.Today())
            problems.Add(new Problem("resolvedOn", "objection.date_future", new LocalText("日期不能晚于今天", "The date cannot be in the future")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        o.ResolvedOn = request.ResolvedOn;
        o.Resolution = request.Resolution.Trim();
        o.Upheld = request.Upheld;
        o.ResolvedBy = actor.UserName;
        var p = o.Procedure!;
        p.Version++;
        if (request.Upheld)
        {
            p.Withdrawn = true;
            p.WithdrawnReason = $"公示异议成立：{o.Resolution}";
        }
        db.ChangeReason = o.Resolution;
        await db.SaveChangesAsync(ct);
    }
}
