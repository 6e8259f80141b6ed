using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Assistance;

/// <summary>
/// A course's sign-in list imported all or nothing: registered members found by their resident ID (never repeated in a
/// message), others by name and village, each fault named by its row and column, checked by the form's own rules.
/// </summary>
public sealed class ImportTrainingAttendanceTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    [Theory, BothDatabases]
    public async Task AListWithFaults_StoresNothing_AndNamesEachRowAndColumn_ThenTheRightListImports(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var child = Build.Member(name: "覃小雨");
        var outsider = Build.Member(name: "外村人");
        var household = await county.AddHouseholdAsync(Village, child);
        await county.AddHouseholdAsync(Other, outsider);
        var code = await county.QueryAsync(db => db.Villages.Where(v => v.Id == county.Villages[Village].Id).Select(v => v.Code).SingleAsync());
        var course = await county.As<RecordTrainingCourse>(county.Admin).HandleAsync(new RecordTrainingCourse.Request(TrainingKind.Yulu, "2016年雨露计划", "县扶贫办", new DateOnly(2016, 3, 1), new DateOnly(2016, 7, 1)));
        var officer = county.VillageOfficer(Village);
        var import = county.As<ImportTrainingAttendance>(officer);

        // GB18030, as WPS saves a CSV: two good rows, then one fault of each kind.
        var bad = string.Join("\r\n",
            "序号,姓名,身份证号,村,是否结业",
            $"1,覃小雨,{child.ResidentId},,是",
            "2,田支书,,黄柏园村,是",
            $"3,外村人,{outsider.ResidentId},老茶村,是",     // row 4: another village's member and village
            "4,田支书,,黄柏园村,否",                          // row 5: repeats row 3
            "5,覃主任,42282719800101123,黄柏园村,",            // row 6: an ID of 17 digits
            "6,,,黄柏园村,是",                                 // row 7: no name
            "7,向某,,黄柏园村,也许",                            // row 8: not a yes or no
            "8,王五,,,",                                        // row 9: no village, no ID
            $"9,覃大雨,{child.ResidentId},,是",                // row 10: the ID's member has another name
            $"10,田某,,{code}1,是");                           // row 11: a 13-digit code
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            import.HandleAsync(new ImportTrainingAttendance.Request(course.Id, new MemoryStream(CsvReader.Gb18030.GetBytes(bad)), "名单.csv")));
        var messages = refused.Problems.Select(p => p.Message.Zh).ToList();
        Assert.Contains(messages, m => m.StartsWith("第 4 行，村", StringComparison.Ordinal) && m.Contains("不在您的管辖范围内", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 5 行，姓名", StringComparison.Ordinal) && m.Contains("与第 3 行重复", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 6 行，身份证号", StringComparison.Ordinal) && m.Contains("422827*", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 7 行，姓名", StringComparison.Ordinal) && m.Contains("不能为空", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 8 行，是否结业", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 9 行，村", StringComparison.Ordinal) && m.Contains("不能为空", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 10 行，姓名", StringComparison.Ordinal) && m.Contains("姓名不一致", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 11 行，村", StringComparison.Ordinal));
        Assert.DoesNotContain(refused.Problems, p => p.Field.StartsWith("rows[2]", StringComparison.Ordinal) || p.Field.StartsWith("rows[3]", StringComparison.Ordinal));
        Assert.Equal("rows[4].村", refused.Problems[0].Field);
        // No resident ID is repeated in full, in either language.
        foreach (var id in new[] { child.ResidentId!, outsider.ResidentId!, "42282719800101123" })
            Assert.DoesNotContain(refused.Problems, p => p.Message.Zh.Contains(id, StringComparison.Ordinal) || p.Message.En.Contains(id, StringComparison.Ordinal));
        Assert.Equal(0, await county.QueryAsync(db => db.TrainingAttendances.CountAsync()));

        // The corrected list, as an .xlsx with a title row and English headings: the member found by the ID, the cadre by the village's code.
        var book = Workbook([["name", "resident_id", "village", "completed"], ["覃小雨", child.ResidentId, null, "是"], ["田支书", null, code, "否"]]);
        var result = await import.HandleAsync(new ImportTrainingAttendance.Request(course.Id, book, "名单.xlsx"));
        Assert.Equal((2, 1, 1), (result.Rows, result.Members, result.Others));
        Assert.Contains(result.Skipped, s => s.Row == 1);
        var stored = await county.QueryAsync(db => db.TrainingAttendances.OrderBy(a => a.PersonName).ToListAsync());
        Assert.Equal([("田支书", (Guid?)null, false), ("覃小雨", household, true)], stored.Select(a => (a.PersonName, a.HouseholdId, a.Completed)));
        Assert.All(stored, a => Assert.Equal((county.Villages[Village].Id, officer.UserName), (a.VillageId, a.RecordedBy)));

        // The same people again: refused by the form's rule, naming the rows.
        var again = await Assert.ThrowsAsync<InvalidRequestException>(() => import.HandleAsync(new ImportTrainingAttendance.Request(course.Id,
            new MemoryStream(Encoding.UTF8.GetBytes($"姓名,身份证号,村\n覃小雨,{child.ResidentId},黄柏园村\n田支书,,三胡乡/黄柏园村")), "名单.csv")));
        Assert.Equal(["rows[2].姓名", "rows[3].姓名"], again.Problems.Select(p => p.Field));
        Assert.All(again.Problems, p => Assert.Contains("已登记在本培训班", p.Message.Zh, StringComparison.Ordinal));

        // An inspector may not import; an unknown course is not found.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ImportTrainingAttendance>(county.Inspector)
            .HandleAsync(new ImportTrainingAttendance.Request(course.Id, new MemoryStream(Encoding.UTF8.GetBytes("姓名,村\n甲,黄柏园村")), "名单.csv")));
        await Assert.ThrowsAsync<NotFoundException>(() => import.HandleAsync(new ImportTrainingAttendance.Request(Guid.NewGuid(), new MemoryStream(Encoding.UTF8.GetBytes("姓名,村\n甲,黄柏园村")), "名单.csv")));
        Assert.Equal(2, await county.QueryAsync(db => db.TrainingAttendances.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task AResidentIdNotOfTheArea_IsRecordedByNameInTheVillageGiven_OrRefusedWithoutOne(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var member = Build.Member(name: "向阳");
        await county.AddHouseholdAsync(Village, member);
        var course = await county.As<RecordTrainingCourse>(county.Admin).HandleAsync(new RecordTrainingCourse.Request(TrainingKind.VillageCadres, "村干部培训", "县委组织部", new DateOnly(2016, 5, 1), new DateOnly(2016, 5, 3)));
        var stranger = Build.NewResidentId().Value;

        // The member of another village's household, to that village's officer: not found, so the village is needed.
        var elsewhere = county.As<ImportTrainingAttendance>(county.VillageOfficer(Other));
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => elsewhere.HandleAsync(new ImportTrainingAttendance.Request(course.Id,
            new MemoryStream(Encoding.UTF8.GetBytes($"姓名,身份证号,村\n向阳,{member.ResidentId},\n向阳,{member.ResidentId},黄柏园村")), "名单.csv")));
        Assert.Equal(["rows[2].村", "rows[3].村"], refused.Problems.Select(p => p.Field));
        Assert.Contains("不在您的管辖范围内", refused.Problems[1].Message.Zh, StringComparison.Ordinal);

        // A number the registry does not hold (a village cadre's): recorded by name in the village given; its own village's
        // member with another village named is refused.
        var result = await county.As<ImportTrainingAttendance>(county.TownshipOfficer("三胡乡")).HandleAsync(new ImportTrainingAttendance.Request(course.Id,
            new MemoryStream(Encoding.UTF8.GetBytes($"姓名,身份证号,乡镇,村\n田支书,{stranger},三胡乡,黄柏园村\n向阳,{member.ResidentId},,")), "名单.csv"));
        Assert.Equal((1, 1), (result.Members, result.Others));
        var wrongVillage = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportTrainingAttendance>(county.Admin).HandleAsync(new ImportTrainingAttendance.Request(course.Id,
            new MemoryStream(Encoding.UTF8.GetBytes($"姓名,身份证号,村\n向阳,{member.ResidentId},石桥村")), "名单.csv")));
        Assert.Equal("rows[2].村", Assert.Single(wrongVillage.Problems).Field);
        Assert.Contains("黄柏园村", wrongVillage.Problems[0].Message.Zh, StringComparison.Ordinal);
    }

    private static MemoryStream Workbook(IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new SheetWriter(stream, SheetFormat.Xlsx, "参训名单"))
        {
            writer.WriteRow(["2016年雨露计划参训名单"]);
            foreach (var row in rows) writer.WriteRow(row);
        }
        return new MemoryStream(stream.ToArray());
    }
}
