using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Exit;

/// <summary>The county's own exit (贫困县摘帽): the area procedure at level county, its self-assessment report with the evaluation's three rates.</summary>
public sealed class CountyExitTests
{
    private const int Year = 2016;
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% 摘帽材料\n%%EOF\n");

    /// <summary>Two households exited in the year and one still poor in every village, a large 户籍人口 (the incidence far below 2%).</summary>
    internal static async Task PopulationAsync(TestCounty county)
    {
        foreach (var village in county.Villages.Keys.ToList())
        {
            var exited = new List<Guid> { await county.AddHouseholdAsync(village), await county.AddHouseholdAsync(village) };
            await county.AddHouseholdAsync(village);
            await county.QueryAsync(db => db.Households.Where(h => exited.Contains(h.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HouseholdStatus.Exited).SetProperty(h => h.ExitYear, Year)));
        }
        await county.QueryAsync(db => db.Villages.ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 5000)));
    }

    /// <summary>The evaluation of the year with every sampled household visited: none wrongly exited, none missed, all approving.</summary>
    internal static async Task EvaluateAsync(TestCounty county)
    {
        var id = await county.As<DrawEvaluationSample>(county.Inspector).HandleAsync(new DrawEvaluationSample.Request(Year, 20161215, 2, 2, 1, 2));
        var samples = await county.QueryAsync(db => db.Set<EvaluationSample>().Where(s => s.EvaluationId == id).OrderBy(s => s.Position).ToListAsync());
        var record = county.As<RecordEvaluationFinding>(county.Inspector);
        var day = new DateOnly(Year, 11, 10);
        foreach (var s in samples)
            await record.HandleAsync(s.Kind switch
            {
                SampleKind.Exited => new RecordEvaluationFinding.Request(s.Id, day, null, WronglyExited: false, null, Approves: true, null),
                SampleKind.NotExited => new RecordEvaluationFinding.Request(s.Id, day, null, null, null, Approves: true, null),
                _ => new RecordEvaluationFinding.Request(s.Id, day, $"门牌{s.Position}号", null, Missed: false, null, null),
            });
    }

    private static Task StepAsync(TestCounty county, Accounts.Actor actor, Guid id, AreaExitStep step, DateOnly date, string? note = null, bool? passed = null) =>
        county.As<RecordAreaExitStep>(actor).HandleAsync(new RecordAreaExitStep.Request(id, step, date, note, passed));

    private static decimal? Percent(Proportion p) => p.Of > 0 ? Math.Round(100m * p.Count / p.Of, 2) : null;

    [Theory, BothDatabases]
    public async Task TheCounty_AssessesItself_WithTheEvaluationsRates_Applies_AndIsAccepted_OnlyTheCountyAdministratorWrites(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await PopulationAsync(county);
        var admin = county.Admin;
        var township = county.TownshipOfficer("三胡乡");
        var village = county.VillageOfficer("三胡乡/黄柏园村");

        // Only the county administrator opens it: a township or village officer and an inspector are refused.
        var open = new OpenAreaExit.Request(AreaExitLevel.County, county.CountyId, Year);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<OpenAreaExit>(township).HandleAsync(open));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<OpenAreaExit>(village).HandleAsync(open));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<OpenAreaExit>(county.Inspector).HandleAsync(open));
        var id = await county.As<OpenAreaExit>(admin).HandleAsync(open);
        Assert.Equal(id, await county.As<OpenAreaExit>(admin).HandleAsync(open));

        // Before the evaluation the county does not meet the standard: the self-assessment names the three rates.
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, admin, id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 1)));
        Assert.Equal(["conditions.wrong_exit", "conditions.missed", "conditions.approval"], early.Problems.Select(p => p.Field));

        await EvaluateAsync(county);
        var evaluation = (await county.As<GetEvaluation>(admin).HandleAsync(Year))!;

        // A township officer neither records steps nor files evidence for the county; the record is out of their area.
        await Assert.ThrowsAnyAsync<UseCaseException>(() => StepAsync(county, township, id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 20)));
        await Assert.ThrowsAnyAsync<UseCaseException>(() => county.As<AttachAreaEvidence>(township).HandleAsync(new AttachAreaEvidence.Request(id, "county_application", "申请.pdf", new MemoryStream(Pdf))));
        await Assert.ThrowsAnyAsync<UseCaseException>(() => county.As<GetAreaExit>(township).HandleAsync(id));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AttachAreaEvidence>(county.Inspector).HandleAsync(new AttachAreaEvidence.Request(id, "county_application", "申请.pdf", new MemoryStream(Pdf))));

        await StepAsync(county, admin, id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 20), "县自查评估");
        var view = await county.As<GetAreaExit>(county.Inspector).HandleAsync(id);
        var snapshot = Assert.IsType<AssessmentSnapshot>(view.Steps.Single().Snapshot);
        Assert.True(snapshot.Ready);
        var rates = snapshot.Conditions.ToDictionary(c => c.Rule);
        Assert.Equal(Percent(evaluation.WrongExit), rates["wrong_exit"].Value);
        Assert.Equal(Percent(evaluation.Missed), rates["missed"].Value);
        Assert.Equal(Percent(evaluation.Approval), rates["approval"].Value);
        Assert.True(rates["county_incidence"].Met);

        // Applying needs the county's required documents.
        var missing = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, admin, id, AreaExitStep.Application, new DateOnly(Year, 12, 1)));
        Assert.Equal(AreaExitRules.DefaultCountyChecklist.Count(i => i.Required), missing.Problems.Count);
        foreach (var item in AreaExitRules.DefaultCountyChecklist.Where(i => i.Required))
            await county.As<AttachAreaEvidence>(admin).HandleAsync(new AttachAreaEvidence.Request(id, item.Key, $"{item.Name}.pdf", new MemoryStream(Pdf)));
        await StepAsync(county, admin, id, AreaExitStep.Application, new DateOnly(Year, 12, 1), "县委、县政府提出退出申请");

        // Township and village officers read the county's line on the board (no readiness: the county level assesses the county).
        var board = await county.As<GetAreaExitBoard>(township).HandleAsync(new GetAreaExitBoard.Query(Year, AreaExitLevel.County));
        var line = Assert.Single(board.Rows);
        Assert.Equal((county.CountyId, id, AreaExitStep.Application, (bool?)null), (line.AreaId, line.ProcedureId, line.Stage, line.Ready));
        Assert.Equal(line.RequiredItems, line.RequiredPresent);
        Assert.NotNull(board.ReadinessNote);
        Assert.Equal(AreaExitStep.Application, Assert.Single((await county.As<GetAreaExitBoard>(village).HandleAsync(new GetAreaExitBoard.Query(Year, AreaExitLevel.County))).Rows).Stage);
        var adminLine = Assert.Single((await county.As<GetAreaExitBoard>(admin).HandleAsync(new GetAreaExitBoard.Query(Year, AreaExitLevel.County))).Rows);
        Assert.True(adminLine.Ready);

        await StepAsync(county, admin, id, AreaExitStep.Acceptance, new DateOnly(Year, 12, 28), "省级专项评估检查通过", passed: true);
        var done = await county.As<GetAreaExit>(admin).HandleAsync(id);
        Assert.True(done.Exited);
        Assert.Equal(3, await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(AreaExitStepRecord)).CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task TheCountysReport_PrintsTheThreeRatesOfTheEvaluation_InTheDocxText_AndOnlyTheCountyLevelMakesIt(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await PopulationAsync(county);
        await EvaluateAsync(county);
        var evaluation = (await county.As<GetEvaluation>(county.Admin).HandleAsync(Year))!;
        var m = await county.As<SelfAssessmentReport>(county.Inspector).HandleAsync(new SelfAssessmentReport.Request(ExitLevel.County, county.CountyId, Year));

        Assert.Equal("来凤县2016年贫困县退出自查评估报告", m.Title);
        Assert.True(m.Ready);
        var rates = m.Rates.ToDictionary(s => s.Rule);
        Assert.Equal(Percent(evaluation.WrongExit), rates["wrong_exit"].Value);
        Assert.Equal(Percent(evaluation.Missed), rates["missed"].Value);
        Assert.Equal(Percent(evaluation.Approval), rates["approval"].Value);
        Assert.Equal(county.Townships.Count, m.Villages.Count);

        var docx = SelfAssessmentDocument.Write(m);
        string text;
        using (var zip = new ZipArchive(new MemoryStream(docx)))
        using (var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open()))
            text = Regex.Replace(await reader.ReadToEndAsync(), "<[^>]+>", string.Empty);
        foreach (var (name, proportion) in new[] { ("错退率", evaluation.WrongExit), ("漏评率", evaluation.Missed), ("群众认可度", evaluation.Approval) })
            Assert.Contains($"{name} {Tuopin.Domain.Exit.HouseholdStandard.Percent(Percent(proportion)!.Value)}", text, StringComparison.Ordinal);
        Assert.Contains("中共来凤县委员会（盖章）", text, StringComparison.Ordinal);
        Assert.Contains("乡镇出列情况", text, StringComparison.Ordinal);

        var directory = TestDirectories.New("county-exit-report");
        var file = Path.Combine(directory, "county.docx");
        await File.WriteAllBytesAsync(file, docx);
        var pdf = await SelfAssessmentReportTests.LibreOfficeAsync(file, "pdf", directory);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4), StringComparison.Ordinal);
        Assert.NotEmpty(SelfAssessmentWorkbook.Write(m));

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SelfAssessmentReport>(county.TownshipOfficer("三胡乡")).HandleAsync(new SelfAssessmentReport.Request(ExitLevel.County, county.CountyId, Year)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SelfAssessmentReport>(county.VillageOfficer("三胡乡/黄柏园村")).HandleAsync(new SelfAssessmentReport.Request(ExitLevel.County, county.CountyId, Year)));
    }
}
