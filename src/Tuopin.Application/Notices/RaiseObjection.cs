using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Notices;

namespace Tuopin.Application.Notices;

/// <summary>
/// A member of the public objects to a running notice (公示异议), without signing in. The objection is kept for the
/// responsible unit; on a project it holds the project (<see cref="Domain.Projects.Project.HeldByObjection"/>) in the same
/// transaction. The contact phone, if given, is kept protected like the registry's phones. The host limits how often one
/// client may call this.
/// </summary>
public sealed partial class RaiseObjection(Database database, TuopinDbFactory factory)
{
    /// <summary>The objection: <c>Year</c> is the exit year of an exit list (ignored for a project); <c>Client</c> the caller's address, kept in the audit.</summary>
    public sealed record Request(NoticeKind Kind, Guid TargetId, int? Year, string? Text, string? ContactName = null, string? Phone = null, string? Client = null);

    public async Task<Guid> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = PublicReader.Open(factory, request.Client ?? database.Actor.Client);
        var today = database.Clock.Today();
        var problems = new List<Problem>();
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0)
            problems.Add(new Problem("text", "objection.text_required", new LocalText("请写明异议内容", "Say what the objection is")));
        else if (text.Length > NoticeRules.MaxObjectionLength)
            problems.Add(new Problem("text", "objection.text_too_long", new LocalText($"异议内容不能超过 {NoticeRules.MaxObjectionLength} 字", $"At most {NoticeRules.MaxObjectionLength} characters")));
        var name = string.IsNullOrWhiteSpace(request.ContactName) ? null : request.ContactName.Trim();
        if (name is { Length: > NoticeObjection.MaxContactLength })
            problems.Add(new Problem("contactName", "objection.name_too_long", new LocalText("联系人姓名过长", "The contact name is too long")));
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (phone is not null && !PhonePattern().IsMatch(phone))
            problems.Add(new Problem("phone", "objection.phone_invalid", new LocalText("联系电话应为 7–15 位数字", "The phone should be 7–15 digits")));

        var objection = new NoticeObjection
        {
            Id = Guid.CreateVersion7(), Kind = request.Kind, TargetId = request.TargetId, Text = text, ContactName = name,
            PhoneCipher = phone is null ? null : factory.Protector.Protect(phone), PhoneMasked = phone is null ? null : Security.Masking.Phone(phone),
            ReceivedAt = database.Clock.GetUtcNow().UtcDateTime, Status = ObjectionStatus.Open,
        };
        var notRunning = new Problem("target", "objection.not_running", new LocalText("该公示不在公示期内，不能提出异议", "The notice is not running; objections are taken during its period"));
        switch (request.Kind)
        {
            case NoticeKind.Project:
                var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == request.TargetId, ct)
                    ?? throw new NotFoundException(new LocalText("没有这个公示", "No such notice"));
                if (project is not { NoticeStartsOn: { } starts, NoticeEndsOn: { } ends } || !NoticeRules.IsRunning(starts, ends, today))
                    problems.Add(notRunning);
                objection.Year = project.Year;
                objection.CountyId = project.CountyId;
                objection.TownshipId = project.ResponsibleTownshipId ?? Guid.Empty;
                objection.Department = project.ResponsibleDepartment;
                if (problems.Count > 0) throw new InvalidRequestException(problems);
                if (!project.HeldByObjection)
                {
                    db.Entry(project).Property(p => p.Version).OriginalValue = project.Version;
                    project.Version++;
                    project.HeldByObjection = true;
                }
                break;
            case NoticeKind.ExitList:
                var village = await db.Villages.AsNoTracking().FirstOrDefaultAsync(v => v.Id == request.TargetId, ct);
                var year = request.Year ?? 0;
                var lists = village is null ? [] : await PublicNotices.ExitListsAsync(db, village.Id, year, today, today, ct);
                if (village is null || lists.Count == 0)
                    throw new NotFoundException(new LocalText("没有这个公示", "No such notice"));
                if (!NoticeRules.IsRunning(lists[0].StartsOn, lists[0].EndsOn, today)) problems.Add(notRunning);
                if (problems.Count > 0) throw new InvalidRequestException(problems);
                var township = await db.Townships.AsNoTracking().Where(t => t.Id == village.TownshipId).Select(t => new { t.Id, t.CountyId }).FirstAsync(ct);
                objection.Year = year;
                objection.CountyId = township.CountyId;
                objection.TownshipId = township.Id;
                objection.VillageId = village.Id;
                break;
            case NoticeKind.BenefitList:
                var benefitYear = request.Year ?? 0;
                var benefits = await db.BenefitNotices.AsNoTracking().FirstOrDefaultAsync(n => n.VillageId == request.TargetId && n.Year == benefitYear, ct);
                if (benefits is null || benefits.StartsOn > today)
                    throw new NotFoundException(new LocalText("没有这个公示", "No such notice"));
                if (!NoticeRules.IsRunning(benefits.StartsOn, benefits.EndsOn, today)) problems.Add(notRunning);
                if (problems.Count > 0) throw new InvalidRequestException(problems);
                objection.Year = benefitYear;
                objection.CountyId = benefits.CountyId;
                objection.TownshipId = benefits.TownshipId;
                objection.VillageId = benefits.VillageId;
                break;
            default:
                throw new NotFoundException(new LocalText("没有这个公示", "No such notice"));
        }
        db.NoticeObjections.Add(objection);
        await db.SaveChangesAsync(ct);
        return objection.Id;
    }

    [GeneratedRegex(@"^\+?[0-9]{7,15}$")]
    private static partial Regex PhonePattern();
}
