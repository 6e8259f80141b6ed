using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Industry;
using Tuopin.Application.Tests.Common;
using Tuopin.Application.Storage;
using Tuopin.Testing;
using static Tuopin.Application.Tests.Common.HostileFiles;

namespace Tuopin.Application.Tests.Industry;

/// <summary>
/// The lists a cooperative or a township sends to the participation import, and worse: files that are not lists, too many
/// rows, formula cells (a cached number is read as the number, an error value refused by row and column), a GBK file, and
/// a village officer's rows of another village: refused whole with the reason, nothing stored.
/// </summary>
public sealed class HostileImportFilesTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    private static HostileImport Participation(TestCounty county) => new("participation", "户编号,产业,年度,规模", "规模", ImportParticipation.MaxRows,
        (actor, file, name) => county.As<ImportParticipation>(actor).HandleAsync(new ImportParticipation.Request(file, name)),
        () => county.QueryAsync(db => db.IndustryParticipations.CountAsync()));

    [Theory, BothDatabases]
    public async Task FilesThatAreNotLists_AndTooManyRows_AreRefusedWhole(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await NotListsAreRefusedAsync(Participation(county), county.VillageOfficer(Village));
        await TooManyRowsAreRefusedAsync(Participation(county), county.Admin);
    }

    [Theory, BothDatabases]
    public async Task FormulaCells_ReadTheirValue_AnErrorValueIsRefusedByRowAndColumn_AndAGbkFileReadsRight(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.QueryAsync(db => Application.Plan.LoadPlan.RunAsync(db, Application.Plan.PlanDocument.BuiltIn(), "laifeng-plan.json"));
        var household = await county.AddHouseholdAsync(Village, Build.Member(name: "覃龑"));
        var number = await county.QueryAsync(db => db.Households.Where(h => h.Id == household).Select(h => h.Number).SingleAsync());
        var officer = county.VillageOfficer(Village);
        var import = Participation(county);

        // 规模 as =1.5*2 with its cached 3 is 3 亩; as =A1/0 with #DIV/0! it is refused, naming row 2 and 规模.
        var error = await RefusedAsync(import, officer, Workbook(["户编号", "产业", "年度", "规模"], [number, "藤茶", "2016", ("A1/0", "#DIV/0!", "e")]), "errors.xlsx");
        var problem = Assert.Single(error.Problems);
        Assert.Equal("rows[2].规模", problem.Field);
        Assert.StartsWith("第 2 行，规模", problem.Message.Zh, StringComparison.Ordinal);
        await import.Run(officer, new MemoryStream(Workbook(["户编号", "产业", "年度", "规模"], [number, "藤茶", "2016", ("1.5*2", "3", "")])), "formula.xlsx");
        Assert.Equal(3m, await county.QueryAsync(db => db.IndustryParticipations.Select(p => p.Scale).SingleAsync()));

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await import.Run(officer, new MemoryStream(Encoding.GetEncoding(936).GetBytes($"户编号,产业,年度,规模,利益联结\r\n{number},绿茶,2016,2,自主发展\r\n")), "名单.csv");
        Assert.Equal(["green_tea", "vine_tea"], await county.QueryAsync(db => db.IndustryParticipations.OrderBy(p => p.IndustryId).Select(p => p.IndustryId).ToListAsync()));
    }

    [Theory, BothDatabases]
    public async Task AVillageOfficersRowOfAnotherVillage_IsRefusedByRow_AndNothingIsStored(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.QueryAsync(db => Application.Plan.LoadPlan.RunAsync(db, Application.Plan.PlanDocument.BuiltIn(), "laifeng-plan.json"));
        var (mine, theirs) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Other, Build.Member(name: "老茶村户主")));
        var numbers = await county.QueryAsync(db => db.Households.Where(h => h.Id == mine || h.Id == theirs).ToDictionaryAsync(h => h.Id, h => h.Number));

        var refused = await RefusedAsync(Participation(county), county.VillageOfficer(Village), Utf8(string.Join("\r\n", "户编号,产业,年度,规模",
            $"{numbers[mine]},藤茶,2016,2", $"{numbers[theirs]},藤茶,2016,2")), "名单.csv");
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("rows[3].户编号", "participation.household"), (problem.Field, problem.Code));
        // The other village's household is not told apart from one that does not exist.
        Assert.Contains("不存在、已清退或不在您的管辖范围内", problem.Message.Zh, StringComparison.Ordinal);
    }
}
