using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>Records what the field team found at one sampled household.</summary>
public sealed class RecordEvaluationFinding(Database database)
{
    public sealed record Request(Guid SampleId, DateOnly VisitedOn, string? Visited, bool? WronglyExited, bool? Missed, bool? Approves, string? Note, int? People = null);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role is not (Role.CountyAdmin or Role.Inspector) || actor.WritesNothing)
            throw new ForbiddenException(new LocalText("评估结果由县扶贫办或评估组录入", "The county office or the evaluators record findings"));
        await using var db = database.Open();
        var s = await db.Set<EvaluationSample>().FirstOrDefaultAsync(x => x.Id == request.SampleId, ct)
            ?? throw new NotFoundException(new LocalText("没有这个样本户", "No such sampled household"));
        var problems = new List<Problem>();
        if (s.Kind == SampleKind.Exited && request.WronglyExited is null)
            problems.Add(new Problem("wronglyExited", "finding.wrong_exit_required", new LocalText("已脱贫样本户须填写是否错退", "Say whether the exited household was wrongly exited")));
        if (s.Kind != SampleKind.Exited && request.WronglyExited is not null)
            problems.Add(new Problem("wronglyExited", "finding.not_exited", new LocalText("只有已脱贫样本户才判断错退", "Only exited households are judged for wrong exit")));
        if (s.Kind == SampleKind.Outside && request.Missed is null)
            problems.Add(new Problem("missed", "finding.missed_required", new LocalText("非建档立卡户须填写是否漏评", "Say whether the household outside the registry was missed")));
        if (s.Kind != SampleKind.Outside && request.Missed is not null)
            problems.Add(new Problem("missed", "finding.registered", new LocalText("建档立卡户不判断漏评", "Registered households are not judged for being missed")));
        if (s.Kind == SampleKind.Outside && string.IsNullOrWhiteSpace(request.Visited))
            problems.Add(new Problem("visited", "finding.visited_required", new LocalText("请填写走访的农户（户主姓名、门牌）", "Name the household visited (head, house number)")));
        if (s.Kind == SampleKind.Outside && request.Missed == true && request.People is null)
            problems.Add(new Problem("people", "finding.people_required", new LocalText("漏评户须填写家庭人口（漏评率按人计）", "Give the missed household's people (the missed rate counts people)")));
        if (s.Kind != SampleKind.Outside && request.People is not null)
            problems.Add(new Problem("people", "finding.people_registered", new LocalText("建档立卡户的人口取自名册，不另填", "A registered household's people come from the registry")));
        if (request.People is <= 0 or > 30)
            problems.Add(new Problem("people", "finding.people_range", new LocalText($"家庭人口应在 1–30 之间，填写的是 {request.People}", $"A household has 1 to 30 people; got {request.People}")));
        if (request.VisitedOn > database.Clock.Today())
            problems.Add(new Problem("visitedOn", "finding.date_future", new LocalText("日期不能晚于今天", "The date cannot be in the future")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        s.VisitedOn = request.VisitedOn;
        s.Visited = string.IsNullOrWhiteSpace(request.Visited) ? null : request.Visited.Trim();
        s.WronglyExited = request.WronglyExited;
        s.Missed = request.Missed;
        s.Approves = request.Approves;
        s.People = request.People;
        s.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        s.RecordedBy = actor.UserName;
        await db.SaveChangesAsync(ct);
    }
}
