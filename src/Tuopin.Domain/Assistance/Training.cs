using Tuopin.Domain.Common;

namespace Tuopin.Domain.Assistance;

/// <summary>
/// A training course (培训班) the county or a department runs: 雨露计划 for the children of poor households, the plan's
/// “三五” courses for village cadres, cooperative members and rural leaders (致富带头人), and technical skills. Courses
/// are the county's; who attended is recorded per person with their village.
/// </summary>
public sealed class TrainingCourse : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public TrainingKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>举办单位, e.g. 县人社局.</summary>
    public required string Organiser { get; set; }

    public DateOnly StartedOn { get; set; }

    public DateOnly EndedOn { get; set; }

    public string? Place { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One person's attendance of a course, counted in their village: a member of a registered household (then the
/// household and member are named, and the place is the household's) or another person such as a village cadre,
/// by name. <see cref="Completed"/>: finished the course (结业); only those count against the plan's targets.
/// </summary>
public sealed class TrainingAttendance : IAreaBound
{
    public Guid Id { get; set; }

    public Guid CourseId { get; set; }

    public TrainingCourse? Course { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public Guid? HouseholdId { get; set; }

    public Guid? MemberId { get; set; }

    public required string PersonName { get; set; }

    public bool Completed { get; set; } = true;

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }

    public const int MaxNameLength = 50;

    /// <summary>What is wrong with a person's name as given on the form or a list (empty, or too long to be a name), or null.</summary>
    public static LocalText? NameFault(string? name) =>
        name?.Trim() is { Length: > 0 and <= MaxNameLength } ? null : new LocalText($"请填写姓名（不超过{MaxNameLength}个字）", $"give a name of at most {MaxNameLength} characters");
}

public enum TrainingKind { Yulu = 1, VillageCadres = 2, Cooperatives = 3, RuralLeaders = 4, TechnicalSkills = 5 }

public static class TrainingKinds
{
    public static readonly CodeList<TrainingKind> Codes = new("培训类别", "Training kind",
        new(TrainingKind.Yulu, "1", "雨露计划", "Yulu Plan (vocational schooling of poor households' children)"),
        new(TrainingKind.VillageCadres, "2", "乡村干部培训", "Village cadre training"),
        new(TrainingKind.Cooperatives, "3", "农村合作经济组织培训", "Cooperative members' training"),
        new(TrainingKind.RuralLeaders, "4", "农村致富带头人培训", "Rural leaders' training"),
        new(TrainingKind.TechnicalSkills, "5", "实用技术培训", "Technical skills"));

    /// <summary>The plan's training target a kind of course counts against (<c>training.{id}</c> in the plan), if any.</summary>
    public static string? PlanTargetOf(TrainingKind kind) => kind switch
    {
        TrainingKind.Yulu => "yulu",
        TrainingKind.VillageCadres => "cadres",
        TrainingKind.Cooperatives => "cooperatives",
        TrainingKind.RuralLeaders => "leaders",
        _ => null,
    };

    /// <summary>
    /// Who one attendance is, for counting people rather than attendances (培训人数, not 人次): the member when known,
    /// else the name in the village.
    /// </summary>
    public static string PersonKey(Guid? memberId, string name, Guid villageId) =>
        memberId is { } m ? "m:" + m.ToString("N") : $"p:{villageId:N}:{name.Trim()}";

    /// <summary>
    /// People trained of a kind: distinct persons with a completed attendance, counted once however many courses they
    /// finished. A yearly target (雨露计划 每年) counts the courses that ended in the year; a target due by a year
    /// counts every course that ended by its end.
    /// </summary>
    public static int CountPeople(IEnumerable<(TrainingKind Kind, DateOnly CourseEnded, Guid? MemberId, string Name, Guid VillageId, bool Completed)> attendances,
        TrainingKind kind, int year, bool perYear) =>
        attendances.Where(a => a.Kind == kind && a.Completed && (perYear ? a.CourseEnded.Year == year : a.CourseEnded.Year <= year))
            .Select(a => PersonKey(a.MemberId, a.Name, a.VillageId)).Distinct(StringComparer.Ordinal).Count();
}
