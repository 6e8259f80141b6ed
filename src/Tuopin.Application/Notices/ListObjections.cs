using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Notices;

namespace Tuopin.Application.Notices;

/// <summary>
/// The objections to the county's notices that the signed-in user's unit answers or reads (公示异议处理): the area filter
/// limits a township to its own, a village to its exit list's; a line department sees its own projects'. The open ones first;
/// one project's (or one village's) only when the request names it (the project page).
/// </summary>
public sealed class ListObjections(Database database)
{
    public sealed record Request(ObjectionStatus? Status = null, NoticeKind? Kind = null, Guid? TargetId = null);

    public sealed record Item(Guid Id, NoticeKind Kind, Guid TargetId, int Year, string Target, string Text, string? ContactName, string? Phone,
        DateTime ReceivedAt, ObjectionStatus Status, string? Answer, string? AnsweredBy, DateTime? AnsweredAt, int Version, bool CanAnswer, string NoticePath);

    public async Task<IReadOnlyList<Item>> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var query = db.NoticeObjections.AsNoTracking();
        if (actor.Role == Role.LineDepartment) query = query.Where(o => o.Department == actor.Department);
        if (request.Status is { } s) query = query.Where(o => o.Status == s);
        if (request.Kind is { } k) query = query.Where(o => o.Kind == k);
        if (request.TargetId is { } target) query = query.Where(o => o.TargetId == target);
        var rows = await query.OrderBy(o => o.Status).ThenByDescending(o => o.ReceivedAt).Take(500).ToListAsync(ct);
        var projects = rows.Where(o => o.Kind == NoticeKind.Project).Select(o => o.TargetId).Distinct().ToList();
        var villages = rows.Where(o => o.Kind is NoticeKind.ExitList or NoticeKind.BenefitList).Select(o => o.TargetId).Distinct().ToList();
        var projectNames = await db.Projects.AsNoTracking().Where(p => projects.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var villageNames = await (from v in db.Villages.AsNoTracking()
                                  join t in db.Townships on v.TownshipId equals t.Id
                                  where villages.Contains(v.Id)
                                  select new { v.Id, Name = t.Name + v.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return rows.Select(o => new Item(o.Id, o.Kind, o.TargetId, o.Year,
                o.Kind switch
                {
                    NoticeKind.Project => projectNames.GetValueOrDefault(o.TargetId) ?? "—",
                    NoticeKind.BenefitList => $"{villageNames.GetValueOrDefault(o.TargetId)} {o.Year}年到户受益名单",
                    _ => $"{villageNames.GetValueOrDefault(o.TargetId)} {o.Year}年拟退出贫困户",
                },
                o.Text, o.ContactName, o.PhoneMasked, o.ReceivedAt, o.Status, o.Answer, o.AnsweredBy, o.AnsweredAt, o.Version,
                o.Status == ObjectionStatus.Open && NoticesAccess.CanAnswer(actor, o),
                o.Kind switch
                {
                    NoticeKind.Project => $"/notices/projects/{o.TargetId}",
                    NoticeKind.BenefitList => $"/notices/benefits/{o.TargetId}/{o.Year}",
                    _ => $"/notices/exit/{o.TargetId}/{o.Year}",
                }))
            .ToList();
    }
}
