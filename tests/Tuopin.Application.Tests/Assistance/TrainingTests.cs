using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Assistance;

/// <summary>Courses and who finished them, counted as people against the plan's training targets.</summary>
public sealed class TrainingTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    [Theory, BothDatabases]
    public async Task PeopleWhoFinished_CountOnce_AgainstThePlansTargets_InTheUsersArea(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.QueryAsync(db => LoadPlan.EnsureBuiltInAsync(db));
        var household = await county.AddHouseholdAsync(Village);
        var member = await county.QueryAsync(db => db.Members.Where(m => m.HouseholdId == household).Select(m => m.Id).SingleAsync());
        var (village, other) = (county.Villages[Village].Id, county.Villages[Other].Id);
        var officer = county.VillageOfficer(Village);

        var yulu = await county.As<RecordTrainingCourse>(county.Admin).HandleAsync(new RecordTrainingCourse.Request(TrainingKind.Yulu, "2016年雨露计划", "县扶贫办", new DateOnly(2016, 3, 1), new DateOnly(2016, 7, 1)));
        var cadres1 = await county.As<RecordTrainingCourse>(county.Admin).HandleAsync(new RecordTrainingCourse.Request(TrainingKind.VillageCadres, "村干部培训第一期", "县委组织部", new DateOnly(2016, 5, 1), new DateOnly(2016, 5, 3)));
        var cadres2 = await county.As<RecordTrainingCourse>(county.Admin).HandleAsync(new RecordTrainingCourse.Request(TrainingKind.VillageCadres, "村干部培训第二期", "县委组织部", new DateOnly(2017, 5, 1), new DateOnly(2017, 5, 3)));
        var badDates = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordTrainingCourse>(county.Admin)
            .HandleAsync(new RecordTrainingCourse.Request(TrainingKind.Yulu, "倒序", "县扶贫办", new DateOnly(2016, 7, 1), new DateOnly(2016, 3, 1))));
        Assert.Equal("endedOn", badDates.Problems[0].Field);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordTrainingCourse>(officer)
            .HandleAsync(new RecordTrainingCourse.Request(TrainingKind.Yulu, "村里办的", "村委会", new DateOnly(2016, 3, 1), new DateOnly(2016, 3, 2))));

        // The village officer records their village's people: a member of a registered household, and a cadre by name.
        Assert.Equal(2, await county.As<RecordTrainingAttendance>(officer).HandleAsync(new RecordTrainingAttendance.Request(yulu.Id,
            [new(MemberId: member), new(VillageId: village, Name: "向未结业", Completed: false)])));
        await county.As<RecordTrainingAttendance>(officer).HandleAsync(new RecordTrainingAttendance.Request(cadres1.Id, [new(VillageId: village, Name: "田支书")]));
        await county.As<RecordTrainingAttendance>(officer).HandleAsync(new RecordTrainingAttendance.Request(cadres2.Id, [new(VillageId: village, Name: "田支书"), new(VillageId: village, Name: "覃主任")]));

        // All or nothing, each refusal naming its row: the same person twice, another village, an empty name.
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordTrainingAttendance>(officer).HandleAsync(new RecordTrainingAttendance.Request(cadres1.Id,
            [new(VillageId: village, Name: "新人"), new(VillageId: village, Name: "田支书"), new(VillageId: other, Name: "外村人"), new(VillageId: village, Name: " ")])));
        Assert.Equal(["attendees[1]", "attendees[2].villageId", "attendees[3].name"], refused.Problems.Select(p => p.Field));
        Assert.StartsWith("第2名参训人员", refused.Problems[0].Message.Zh, StringComparison.Ordinal);
        Assert.Equal(5, await county.QueryAsync(db => db.TrainingAttendances.CountAsync()));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordTrainingAttendance>(county.Inspector)
            .HandleAsync(new RecordTrainingAttendance.Request(yulu.Id, [new(VillageId: village, Name: "只读")])));

        // 2016: one finished 雨露计划 (the unfinished one does not count), one cadre. 2017: the cadres' target counts to
        // its year, 田支书 once for two courses; 雨露计划 is yearly and has no 2017 course.
        var p2016 = await county.As<GetTrainingProgress>(county.Admin).HandleAsync(2016);
        Assert.Equal((1, 2, 1000), (Row(p2016, TrainingKind.Yulu).People, Row(p2016, TrainingKind.Yulu).Attendances, Row(p2016, TrainingKind.Yulu).Target));
        Assert.Equal(1, Row(p2016, TrainingKind.VillageCadres).People);
        var p2017 = await county.As<GetTrainingProgress>(county.Admin).HandleAsync(2017);
        Assert.Equal((0, 2, 500, 2017), (Row(p2017, TrainingKind.Yulu).People, Row(p2017, TrainingKind.VillageCadres).People, Row(p2017, TrainingKind.VillageCadres).Target, Row(p2017, TrainingKind.VillageCadres).TargetYear));
        var township = Assert.Single(Row(p2017, TrainingKind.VillageCadres).ByArea);
        Assert.Equal(("三胡乡", 2), (township.Area, township.People));

        // The progress page's training rows say the same; another village's officer sees none of these people.
        var progress = await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(2017));
        Assert.Equal(2m, progress.OtherTargets.Single(t => t.Key == "training.cadres").Actual);
        Assert.Null(progress.OtherTargets.Single(t => t.Key == "training.yulu").Actual);
        Assert.Null(progress.OtherTargets.Single(t => t.Key == "training.leaders").Actual);
        var elsewhere = await county.As<GetTrainingProgress>(county.VillageOfficer(Other)).HandleAsync(2017);
        Assert.All(elsewhere.Kinds, k => Assert.Equal(0, k.People));
        // The county's courses are listed for everyone; their attendance counts only the viewer's area.
        var course = Assert.Single(elsewhere.Courses);
        Assert.Equal((cadres2.Id, 0), (course.Id, course.Attendances));
        Assert.Equal(2, Assert.Single((await county.As<GetTrainingProgress>(officer).HandleAsync(2017)).Courses).Attendances);
    }

    private static GetTrainingProgress.KindRow Row(GetTrainingProgress.Result r, TrainingKind kind) => r.Kinds.Single(k => k.Kind == kind);
}
