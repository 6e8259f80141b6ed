using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Assistance;

/// <summary>A course's sign-in list uploaded over HTTP: who may send it, and how a list with faults is answered row by row.</summary>
public sealed class AttendanceImportApiTests
{
    private const string Own = "三胡乡/黄柏园村";
    private const string Other = "翔凤镇/老茶村";

    private static MultipartFormDataContent List(byte[] bytes, string name = "名单.csv") => new() { { new ByteArrayContent(bytes), "file", name } };

    [Theory, BothDatabases]
    public async Task TheVillagesOfficer_ImportsTheList_AnotherVillagesGetsRowLevelProblems_TheInspector403_AnAnonymousCaller401(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var member = Build.Member(name: "覃小雨");
        await county.AddHouseholdAsync(Own, member);
        var course = await county.As<RecordTrainingCourse>(county.Admin).HandleAsync(new RecordTrainingCourse.Request(TrainingKind.Yulu, "2016年雨露计划", "县扶贫办", new DateOnly(2016, 3, 1), new DateOnly(2016, 7, 1)));
        var path = $"/api/v1/assistance/training/courses/{course.Id}/attendance/import";
        var file = CsvReader.Gb18030.GetBytes($"序号,姓名,身份证号,村,是否结业\r\n1,覃小雨,{member.ResidentId},,是\r\n2,田支书,,黄柏园村,否\r\n");
        await using var app = await RunningApp.StartAsync(county);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsync(path, List(file))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsAsync(Role.Inspector)).PostAsync(path, List(file))).StatusCode);

        // Another village's officer: each row refused with its row and column; the member's ID is not echoed.
        var elsewhere = await (await app.ClientAsAsync(Role.VillageOfficer, Other)).PostAsync(path, List(file));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        var problems = (await elsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(["rows[2].村", "rows[3].村"], problems.Select(p => p.GetProperty("field").GetString()));
        Assert.DoesNotContain(member.ResidentId!, await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await county.QueryAsync(db => db.TrainingAttendances.CountAsync()));

        // The village's own officer: both recorded, the member as the member.
        var own = await (await app.ClientAsAsync(Role.VillageOfficer, Own)).PostAsync(path, List(file));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var result = await own.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 1, 1), (result.GetProperty("rows").GetInt32(), result.GetProperty("members").GetInt32(), result.GetProperty("others").GetInt32()));
        Assert.Equal(2, await county.QueryAsync(db => db.TrainingAttendances.CountAsync()));

        // A file of another kind is refused before it is read; an unknown course is 404.
        var text = await (await app.ClientAsAsync(Role.VillageOfficer, Own)).PostAsync(path, List(Encoding.UTF8.GetBytes("姓名,村"), "名单.txt"));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsAsync(Role.VillageOfficer, Own)).PostAsync($"/api/v1/assistance/training/courses/{Guid.NewGuid()}/attendance/import", List(file))).StatusCode);
    }
}
