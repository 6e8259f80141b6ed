using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Assistance;

/// <summary>A village's list of measures imported all or nothing, each fault named by its row and column.</summary>
public sealed class ImportMeasuresTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    private const string Header = "户编号,年度,措施类型,措施内容,成员姓名,投入金额,预期增收,帮扶责任人,计划日期,完成日期,状态,实际增收,成效";

    [Theory, BothDatabases]
    public async Task AFileWithFaults_StoresNothing_AndNamesEachRowAndColumn_ThenTheRightFileImports_AndAgainIsUnchanged(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (mine, theirs) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Other));
        var (number, member) = await county.QueryAsync(async db => (
            await db.Households.Where(h => h.Id == mine).Select(h => h.Number).SingleAsync(),
            await db.Members.Where(m => m.HouseholdId == mine).Select(m => m.Name).FirstAsync()));
        var otherNumber = await county.QueryAsync(db => db.Households.Where(h => h.Id == theirs).Select(h => h.Number).SingleAsync());
        await county.As<RegisterCadre>(county.Admin).HandleAsync(new RegisterCadre.Request("覃国富", "县教育局"));
        var officer = county.VillageOfficer(Village);

        // GB18030, as WPS saves a CSV: a good row, then one fault of each kind.
        var bad = string.Join("\n",
            Header,
            $"{number},2017,教育扶贫,雨露计划补助,{member},3000,,覃国富,2017-03-01,,计划,,",
            $"{otherNumber},2017,健康扶贫,大病救助,,,,,,,,,",
            $"{number},2017,发钱,补助,,,,,,,,,",
            $"{number},2017,教育扶贫,雨露计划补助,,,,,,,,,",
            $"{number},2017,产业扶持,种茶3亩,,\"1,500元\",800,,,,已完成,,",
            $"{number},2017,小额信贷,贷款,不存在的人,-5,,无名氏,,,,,");
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportMeasures>(officer)
            .HandleAsync(new ImportMeasures.Request(new MemoryStream(CsvReader.Gb18030.GetBytes(bad)), "措施.csv")));
        var messages = refused.Problems.Select(p => p.Message.Zh).ToList();
        Assert.Contains(messages, m => m.StartsWith("第 3 行，户编号", StringComparison.Ordinal) && m.Contains("不在您的管辖范围内", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 4 行，措施类型", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 5 行，措施内容", StringComparison.Ordinal) && m.Contains("第 2 行", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 6 行，完成日期", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 7 行，投入金额", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 7 行，成员姓名", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 7 行，帮扶责任人", StringComparison.Ordinal));
        Assert.Equal(0, await county.QueryAsync(db => db.Measures.CountAsync()));

        // The corrected list, as an .xlsx with a title row above the header: stored, the member and cadre found.
        var rows = new[]
        {
            new object?[] { number, 2017, "教育扶贫", "雨露计划补助", member, 3000, 0, "覃国富", "2017-03-01", null, "计划", null, null },
            new object?[] { number, 2017, "8", "贷款5万元发展养殖", null, "50,000", "3,000元", null, null, "2017-06-30", "已完成", 2800, "养猪10头" },
        };
        var book = Workbook(rows);
        var result = await county.As<ImportMeasures>(officer).HandleAsync(new ImportMeasures.Request(new MemoryStream(book), "措施.xlsx"));
        Assert.Equal((2, 2, 0), (result.Rows, result.Created, result.Unchanged));
        Assert.Contains(result.Skipped, s => s.Row == 1);
        var stored = await county.QueryAsync(db => db.Measures.OrderBy(m => m.Type).ToListAsync());
        Assert.Equal((MeasureType.Education, 3000_00L, true, true), (stored[0].Type, stored[0].Amount.Fen, stored[0].MemberId is not null, stored[0].CadreId is not null));
        Assert.Equal((MeasureType.MicroCredit, 50_000_00L, 3_000_00L, MeasureStatus.Done, 2_800_00L), (stored[1].Type, stored[1].Amount.Fen, stored[1].ExpectedIncome.Fen, stored[1].Status, stored[1].EffectIncome!.Value.Fen));
        Assert.All(stored, m => Assert.Equal(officer.UserName, m.RecordedBy));

        // Imported again as the list grows: what is there is unchanged, nothing is doubled.
        var again = await county.As<ImportMeasures>(officer).HandleAsync(new ImportMeasures.Request(new MemoryStream(Workbook(rows)), "措施.xlsx"));
        Assert.Equal((0, 2), (again.Created, again.Unchanged));
        Assert.Equal(2, await county.QueryAsync(db => db.Measures.CountAsync()));

        // An inspector may not import; a line department only its own kinds, by row.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ImportMeasures>(county.Inspector)
            .HandleAsync(new ImportMeasures.Request(new MemoryStream(book), "措施.xlsx")));
        var education = new Actor(Guid.NewGuid(), "教育局", Role.LineDepartment, AreaScope.County(county.CountyId), Department.Education);
        var department = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportMeasures>(education).HandleAsync(new ImportMeasures.Request(
            new MemoryStream(Encoding.UTF8.GetBytes(Header + $"\n{number},2018,教育扶贫,助学金,,,,,,,,,\n{number},2018,健康扶贫,医疗救助,,,,,,,,,")), "措施.csv")));
        Assert.Equal("measure.department", Assert.Single(department.Problems).Code);
        Assert.StartsWith("第 3 行，措施类型", department.Problems[0].Message.Zh, StringComparison.Ordinal);
    }

    private static byte[] Workbook(IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new SheetWriter(stream, SheetFormat.Xlsx, "帮扶措施"))
        {
            writer.WriteRow(["黄柏园村2017年帮扶措施台账"]);
            writer.WriteRow(Header.Split(','));
            foreach (var row in rows) writer.WriteRow(row);
        }
        return stream.ToArray();
    }
}
