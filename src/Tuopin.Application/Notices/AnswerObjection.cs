using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Notices;

namespace Tuopin.Application.Notices;

/// <summary>
/// The responsible unit answers an objection (异议答复). On a project, the hold is lifted in the same transaction when no
/// other objection to it remains open; the projects' lifecycle may then go on.
/// </summary>
public sealed class AnswerObjection(Database database)
{
    public const int MaxAnswerLength = 1000;

    public sealed record Request(Guid Id, int Version, string? Answer);

    public sealed record Answered(Guid Id, int Version, bool ProjectReleased);

    public async Task<Answered> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var o = await db.NoticeObjections.FirstOrDefaultAsync(x => x.Id == request.Id, ct)
            ?? throw new NotFoundException(new LocalText("没有这条异议，或它不在您的管辖范围内", "No such objection in your area"));
        NoticesAccess.RequireAnswerer(actor, o);
        var answer = request.Answer?.Trim() ?? "";
        var problems = new List<Problem>();
        if (o.Status == ObjectionStatus.Answered)
            problems.Add(new Problem("id", "objection.answered", new LocalText("该异议已答复", "The objection is already answered")));
        if (answer.Length == 0)
            problems.Add(new Problem("answer", "objection.answer_required", new LocalText("请填写答复意见", "Write the answer")));
        else if (answer.Length > MaxAnswerLength)
            problems.Add(new Problem("answer", "objection.answer_too_long", new LocalText($"答复不能超过 {MaxAnswerLength} 字", $"At most {MaxAnswerLength} characters")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        if (request.Version != o.Version)
            throw new ConflictException(new LocalText("该异议已被他人处理，请刷新后再答复", "The objection was changed; reload it and answer again"));
        db.Entry(o).Property(x => x.Version).OriginalValue = o.Version;
        o.Version++;
        o.Status = ObjectionStatus.Answered;
        o.Answer = answer;
        o.AnsweredBy = actor.ShownName;
        o.AnsweredAt = database.Clock.GetUtcNow().UtcDateTime;
        var released = false;
        if (o.Kind == NoticeKind.Project)
        {
            var othersOpen = await db.NoticeObjections.IgnoreQueryFilters()
                .AnyAsync(x => x.Kind == NoticeKind.Project && x.TargetId == o.TargetId && x.Id != o.Id && x.Status == ObjectionStatus.Open, ct);
            var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == o.TargetId, ct);
            if (!othersOpen && project is { HeldByObjection: true })
            {
                db.Entry(project).Property(p => p.Version).OriginalValue = project.Version;
                project.Version++;
                project.HeldByObjection = false;
                released = true;
            }
        }
        await db.SaveChangesAsync(ct);
        return new Answered(o.Id, o.Version, released);
    }
}
