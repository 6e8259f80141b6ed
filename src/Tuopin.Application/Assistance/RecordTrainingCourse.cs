using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>Registers a training course of the county, or corrects one (with the version the user saw).</summary>
public sealed class RecordTrainingCourse(Database database)
{
    public sealed record Request(TrainingKind Kind, string Name, string Organiser, DateOnly StartedOn, DateOnly EndedOn, string? Place = null, Guid? Id = null, int? Version = null);

    public sealed record Saved(Guid Id, int Version, bool Created);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role is not (Role.CountyAdmin or Role.TownshipOfficer or Role.LineDepartment))
            throw new ForbiddenException(new LocalText("只有县、乡镇扶贫办和行业部门可以登记培训班", "Only the county and township offices and the departments register courses"));
        var problems = new List<Problem>();
        if (!Enum.IsDefined(request.Kind)) problems.Add(new Problem("kind", "training.kind", new LocalText("请选择培训类别", "Choose the kind of training")));
        if (string.IsNullOrWhiteSpace(request.Name)) problems.Add(new Problem("name", "training.name", new LocalText("请填写培训班名称", "Name the course")));
        else if (request.Name.Trim().Length > 200) problems.Add(new Problem("name", "training.name", new LocalText("名称不能超过200个字", "A name has at most 200 characters")));
        if (string.IsNullOrWhiteSpace(request.Organiser)) problems.Add(new Problem("organiser", "training.organiser", new LocalText("请填写举办单位", "Name the organiser")));
        else if (request.Organiser.Trim().Length > 100) problems.Add(new Problem("organiser", "training.organiser", new LocalText("举办单位不能超过100个字", "An organiser has at most 100 characters")));
        if (request.EndedOn < request.StartedOn) problems.Add(new Problem("endedOn", "training.dates", new LocalText("结束日期不能早于开始日期", "The end cannot be before the start")));
        if (request.StartedOn.Year < WorkYear.FirstYear) problems.Add(new Problem("startedOn", "training.dates", new LocalText($"开始日期须在 {WorkYear.FirstYear} 年以后", $"The start must be in {WorkYear.FirstYear} or later")));
        if (request.Place is { Length: > 200 }) problems.Add(new Problem("place", "training.place", new LocalText("地点不能超过200个字", "A place has at most 200 characters")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        await using var db = database.Open();
        TrainingCourse course;
        if (request.Id is { } id)
        {
            course = await TrainingCourses.OfCounty(db, actor).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw TrainingCourses.NotFound();
            if (request.Version != course.Version)
                throw new ConflictException(new LocalText("该培训班已被他人修改，请重新打开后再保存", "Someone else changed this course; reopen and save again"));
            db.Entry(course).Property(c => c.Version).OriginalValue = course.Version;
            course.Version++;
        }
        else
        {
            if (actor.Scope.CountyId == Guid.Empty)
                throw new ForbiddenException(new LocalText("请以县或乡镇账号登记培训班", "Register courses with a county or township account"));
            course = new TrainingCourse { Id = Guid.CreateVersion7(), CountyId = actor.Scope.CountyId, Name = string.Empty, Organiser = string.Empty, Version = 1 };
            db.TrainingCourses.Add(course);
        }
        course.Kind = request.Kind;
        course.Name = request.Name.Trim();
        course.Organiser = request.Organiser.Trim();
        course.StartedOn = request.StartedOn;
        course.EndedOn = request.EndedOn;
        course.Place = string.IsNullOrWhiteSpace(request.Place) ? null : request.Place.Trim();
        await db.SaveChangesAsync(ct);
        return new Saved(course.Id, course.Version, request.Id is null);
    }
}

internal static class TrainingCourses
{
    public static IQueryable<TrainingCourse> OfCounty(TuopinDb db, Accounts.Actor actor) =>
        actor.Scope.Level == AreaLevel.Everything ? db.TrainingCourses : db.TrainingCourses.Where(c => c.CountyId == actor.Scope.CountyId);

    public static NotFoundException NotFound() => new(new LocalText("找不到该培训班", "No such course"));
}
