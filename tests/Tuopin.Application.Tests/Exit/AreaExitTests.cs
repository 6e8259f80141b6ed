using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Exit;

public sealed class AreaExitTests
{
    private const string Village = "三胡乡/黄柏园村";
    private const string Township = "三胡乡";
    private const int Year = 2016;
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% 出列材料\n%%EOF\n");

    private static Task SetPopulationAsync(TestCounty county, int population) =>
        county.QueryAsync(db => db.Villages.ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, population)));

    private static async Task<Guid> OpenVillageAsync(TestCounty county, string village = Village) =>
        await county.As<OpenAreaExit>(county.VillageOfficer(village)).HandleAsync(new OpenAreaExit.Request(AreaExitLevel.Village, county.Villages[village].Id, Year));

    private static Task StepAsync(TestCounty county, Accounts.Actor actor, Guid id, AreaExitStep step, DateOnly date, string? note = null, bool? passed = null) =>
        county.As<RecordAreaExitStep>(actor).HandleAsync(new RecordAreaExitStep.Request(id, step, date, note, passed));

    private static async Task FileRequiredAsync(TestCounty county, Accounts.Actor actor, Guid id, AreaExitLevel level)
    {
        foreach (var item in AreaExitRules.DefaultChecklist(level).Where(i => i.Required))
            await county.As<AttachAreaEvidence>(actor).HandleAsync(new AttachAreaEvidence.Request(id, item.Key, $"{item.Name}.pdf", new MemoryStream(Pdf)));
    }

    [Theory, BothDatabases]
    public async Task AVillage_AssessesItself_Applies_AndIsAccepted_WithTheSnapshotKeptAndEveryStepAudited(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await SetPopulationAsync(county, 100);
        var officer = county.VillageOfficer(Village);
        var id = await OpenVillageAsync(county);

        await StepAsync(county, officer, id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 20), "村两委自评");
        await FileRequiredAsync(county, officer, id, AreaExitLevel.Village);
        await StepAsync(county, county.TownshipOfficer(Township), id, AreaExitStep.Application, new DateOnly(Year, 12, 10), "乡镇申请验收");
        var before = await county.As<GetAreaExit>(county.Admin).HandleAsync(id);
        Assert.False(before.Exited);
        Assert.Equal(AreaExitStep.Acceptance, before.Next);
        await StepAsync(county, county.Admin, id, AreaExitStep.Acceptance, new DateOnly(Year, 12, 20), "县验收组验收通过", passed: true);

        var view = await county.As<GetAreaExit>(officer).HandleAsync(id);
        Assert.True(view.Exited);
        Assert.Equal(new DateOnly(Year, 12, 20), view.ExitedOn);
        Assert.Null(view.Next);
        Assert.Equal([AreaExitStep.SelfAssessment, AreaExitStep.Application, AreaExitStep.Acceptance], view.Steps.Select(s => s.Step));
        var snapshot = Assert.IsType<AssessmentSnapshot>(view.Steps[0].Snapshot);
        Assert.True(snapshot.Ready);
        Assert.Equal(Year, snapshot.Year);
        Assert.Equal(2952m, snapshot.PovertyLine);
        var incidence = Assert.Single(snapshot.Conditions, c => c.Rule == "village_incidence");
        Assert.Equal((0m, 2m, true), (incidence.Value, incidence.Threshold, incidence.Met));
        Assert.Empty(view.Missing);
        Assert.True(view.Steps[2].Passed);

        // The snapshot stays what was assessed at the time, even when the records change afterwards.
        await county.AddHouseholdAsync(Village);
        await SetPopulationAsync(county, 10);
        var later = await county.As<GetAreaExit>(officer).HandleAsync(id);
        Assert.True(later.Steps[0].Snapshot!.Ready);

        var audited = await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(AreaExitStepRecord)).CountAsync());
        Assert.Equal(3, audited);
        var board = await county.As<GetAreaExitBoard>(county.TownshipOfficer(Township)).HandleAsync(new GetAreaExitBoard.Query(Year, AreaExitLevel.Village));
        Assert.Equal(new[] { "黄柏园村", "石桥村", "苗寨沟村" }.Order(StringComparer.Ordinal), board.Rows.Select(r => r.Name).Order(StringComparer.Ordinal));
        var row = Assert.Single(board.Rows, r => r.AreaId == county.Villages[Village].Id);
        Assert.True(row.Exited);
        Assert.Equal(row.RequiredItems, row.RequiredPresent);
        Assert.Equal(new DateOnly(Year, 12, 15), board.Deadline);
    }

    [Theory, BothDatabases]
    public async Task StepsOutOfOrder_ByTheWrongRole_OrBeforeThePreviousDate_AreRefusedWithTheReason(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await SetPopulationAsync(county, 100);
        var officer = county.VillageOfficer(Village);
        var id = await OpenVillageAsync(county);

        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, county.TownshipOfficer(Township), id, AreaExitStep.Application, new DateOnly(Year, 12, 1)));
        Assert.Equal("area_exit.out_of_order", early.Problems.Single().Code);
        var wrongRole = await Assert.ThrowsAsync<ForbiddenException>(() => StepAsync(county, county.TownshipOfficer(Township), id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 1)));
        Assert.Contains("村级", wrongRole.Text.Zh, StringComparison.Ordinal);
        var adminCannotAssess = await Assert.ThrowsAsync<ForbiddenException>(() => StepAsync(county, county.Admin, id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 1)));
        // The county administrator is refused for the same reason: the village assesses itself.
        Assert.Equal("贫困村出列的“对照标准自评（自查）”由村级（村两委、驻村工作队）办理", adminCannotAssess.Text.Zh);
        var otherYear = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, officer, id, AreaExitStep.SelfAssessment, new DateOnly(Year - 1, 11, 1)));
        Assert.Equal("area_exit.assessment_year", otherYear.Problems.Single().Code);

        await StepAsync(county, officer, id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 20));
        var again = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, officer, id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 21)));
        Assert.Equal("area_exit.step_done", again.Problems.Single().Code);
        await FileRequiredAsync(county, officer, id, AreaExitLevel.Village);
        var villageApplies = await Assert.ThrowsAsync<ForbiddenException>(() => StepAsync(county, officer, id, AreaExitStep.Application, new DateOnly(Year, 12, 1)));
        Assert.Contains("乡镇", villageApplies.Text.Zh, StringComparison.Ordinal);
        var backwards = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, county.TownshipOfficer(Township), id, AreaExitStep.Application, new DateOnly(Year, 11, 1)));
        Assert.Equal("area_exit.date_before_previous", backwards.Problems.Single().Code);
        await StepAsync(county, county.TownshipOfficer(Township), id, AreaExitStep.Application, new DateOnly(Year, 12, 1));
        var townshipAccepts = await Assert.ThrowsAsync<ForbiddenException>(() => StepAsync(county, county.TownshipOfficer(Township), id, AreaExitStep.Acceptance, new DateOnly(Year, 12, 20), "通过", true));
        Assert.Contains("县扶贫办", townshipAccepts.Text.Zh, StringComparison.Ordinal);
        var noResult = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, county.Admin, id, AreaExitStep.Acceptance, new DateOnly(Year, 12, 20)));
        Assert.Equal(["area_exit.result_missing", "area_exit.note_missing"], noResult.Problems.Select(p => p.Code));

        // Not accepted: a new round starts at the self-assessment; the first round's steps stay.
        await StepAsync(county, county.Admin, id, AreaExitStep.Acceptance, new DateOnly(Year, 12, 20), "公示材料不全，整改后重新申请", passed: false);
        var view = await county.As<GetAreaExit>(county.Admin).HandleAsync(id);
        Assert.False(view.Exited);
        Assert.Equal((2, AreaExitStep.None, AreaExitStep.SelfAssessment), (view.Round, view.Stage, view.Next));
        Assert.False(view.Steps.Single(s => s.Step == AreaExitStep.Acceptance).Passed);
    }

    [Theory, BothDatabases]
    public async Task ANotReadyVillage_CannotAssessItself_AndTheFailingConditionsAreListed(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await SetPopulationAsync(county, 10);
        await county.AddHouseholdAsync(Village);
        var id = await OpenVillageAsync(county);

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, county.VillageOfficer(Village), id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 20)));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(("area_exit.not_ready", "conditions.village_incidence"), (problem.Code, problem.Field));
        Assert.Contains("贫困发生率 10", problem.Message.Zh, StringComparison.Ordinal);
        Assert.Empty(await county.QueryAsync(db => db.AreaExitSteps.ToListAsync()));

        // Not a poor village, or a township with no planned exit year: no procedure at all.
        var notPoor = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            county.As<OpenAreaExit>(county.Admin).HandleAsync(new OpenAreaExit.Request(AreaExitLevel.Village, county.Villages["三胡乡/金桥村"].Id, Year)));
        Assert.Equal("area_exit.not_poor_village", notPoor.Problems.Single().Code);
    }

    [Theory, BothDatabases]
    public async Task TheApplication_IsRefusedAfterTheDeadline_AndWithRequiredEvidenceMissing(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await SetPopulationAsync(county, 100);
        var officer = county.VillageOfficer(Village);
        var township = county.TownshipOfficer(Township);
        var id = await OpenVillageAsync(county);
        await StepAsync(county, officer, id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 20));

        var missing = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, township, id, AreaExitStep.Application, new DateOnly(Year, 12, 10)));
        var required = AreaExitRules.DefaultVillageChecklist.Where(i => i.Required).ToList();
        Assert.Equal(required.Select(i => $"evidence.{i.Key}"), missing.Problems.Select(p => p.Field));
        Assert.All(missing.Problems, p => Assert.Equal("area_exit.evidence_missing", p.Code));
        Assert.Contains(missing.Problems, p => p.Message.Zh.Contains("村集体经济收入证明", StringComparison.Ordinal));

        await FileRequiredAsync(county, officer, id, AreaExitLevel.Village);
        var late = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, township, id, AreaExitStep.Application, new DateOnly(Year, 12, 16)));
        Assert.Equal("area_exit.deadline_passed", late.Problems.Single().Code);
        Assert.Contains("2016-12-15", late.Problems.Single().Message.Zh, StringComparison.Ordinal);

        // The county sets an earlier deadline: the configured date applies.
        await county.QueryAsync(async db => { await ProcedureSettings.SetAsync(db, AreaExitSettings.DeadlineKey, "12-05"); return 0; });
        var configured = await Assert.ThrowsAsync<InvalidRequestException>(() => StepAsync(county, township, id, AreaExitStep.Application, new DateOnly(Year, 12, 10)));
        Assert.Contains("2016-12-05", configured.Problems.Single().Message.Zh, StringComparison.Ordinal);
        await StepAsync(county, township, id, AreaExitStep.Application, new DateOnly(Year, 12, 5));

        // A checklist the county configured: its own items count.
        await county.QueryAsync(async db => { await AreaExitSettings.SetChecklistAsync(db, AreaExitLevel.Township, [new EvidenceItem("minutes", "乡镇党委会议纪要", true)]); return 0; });
        var tid = await county.As<OpenAreaExit>(township).HandleAsync(new OpenAreaExit.Request(AreaExitLevel.Township, county.Townships[Township], Year));
        var view = await county.As<GetAreaExit>(township).HandleAsync(tid);
        Assert.Equal(["乡镇党委会议纪要"], view.Checklist.Select(c => c.Item.Name));
    }

    [Theory, BothDatabases]
    public async Task ATownship_CannotReadOrWriteAnotherTownshipsProcedureOrEvidence(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await SetPopulationAsync(county, 100);
        var id = await OpenVillageAsync(county);
        var mine = await county.As<AttachAreaEvidence>(county.VillageOfficer(Village)).HandleAsync(new AttachAreaEvidence.Request(id, "village_application", "申请.pdf", new MemoryStream(Pdf)));
        var other = county.TownshipOfficer("绿水镇");

        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetAreaExit>(other).HandleAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ReadAreaEvidence>(other).HandleAsync(mine.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ExportAreaExitFile>(other).PrepareAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AttachAreaEvidence>(other).HandleAsync(new AttachAreaEvidence.Request(id, "village_notice", "公示.pdf", new MemoryStream(Pdf))));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RecordAreaExitStep>(other).HandleAsync(new RecordAreaExitStep.Request(id, AreaExitStep.SelfAssessment, new DateOnly(Year, 11, 1), null)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<OpenAreaExit>(other).HandleAsync(new OpenAreaExit.Request(AreaExitLevel.Township, county.Townships[Township], Year)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<OpenAreaExit>(county.VillageOfficer("三胡乡/石桥村")).HandleAsync(new OpenAreaExit.Request(AreaExitLevel.Village, county.Villages[Village].Id, Year)));
        Assert.DoesNotContain((await county.As<GetAreaExitBoard>(other).HandleAsync(new GetAreaExitBoard.Query(Year, AreaExitLevel.Village))).Rows, r => r.AreaId == county.Villages[Village].Id);
        Assert.Equal(["绿水镇"], (await county.As<GetAreaExitBoard>(other).HandleAsync(new GetAreaExitBoard.Query(Year, AreaExitLevel.Township))).Rows.Select(r => r.Name));
        // The inspector reads but does not write.
        Assert.Equal(id, (await county.As<GetAreaExit>(county.Inspector).HandleAsync(id)).Id);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AttachAreaEvidence>(county.Inspector).HandleAsync(new AttachAreaEvidence.Request(id, "village_notice", "公示.pdf", new MemoryStream(Pdf))));
        Assert.Equal(1, await county.QueryAsync(db => db.AreaEvidence.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task TheZip_HoldsEveryDocumentByItem_TheHouseholdPapers_AndAnIndexWorkbook_AndAChangedFileIsRefused(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await SetPopulationAsync(county, 100);
        var officer = county.VillageOfficer(Village);
        var id = await OpenVillageAsync(county);
        var application = await county.As<AttachAreaEvidence>(officer).HandleAsync(new AttachAreaEvidence.Request(id, "village_application", "出列申请.pdf", new MemoryStream(Pdf)));
        var photo = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        await county.As<AttachAreaEvidence>(officer).HandleAsync(new AttachAreaEvidence.Request(id, "village_notice", "公示照片.png", new MemoryStream(photo)));
        await county.As<AttachAreaEvidence>(officer).HandleAsync(new AttachAreaEvidence.Request(id, "village_notice", "公示照片.png", new MemoryStream(photo)));
        // A household exiting this year with a paper on its own procedure.
        var household = await county.AddHouseholdAsync(Village);
        var proposed = await county.As<ProposeExits>(officer).HandleAsync(new ProposeExits.Request(county.Villages[Village].Id, Year, new DateOnly(Year, 9, 1), [household], null));
        await county.As<RecordProcedureStep>(officer).HandleAsync(new RecordProcedureStep.Request(proposed.ProcedureIds, ProcedureStep.DemocraticReview, new DateOnly(Year, 9, 5), null));
        var stepId = await county.QueryAsync(db => db.ProcedureSteps.Where(s => s.Step == ProcedureStep.DemocraticReview).Select(s => s.Id).SingleAsync());
        await county.As<AttachFile>(officer).HandleAsync(new AttachFile.Request(stepId, "评议记录.pdf", new MemoryStream(Pdf)));
        var number = await county.QueryAsync(db => db.Households.Where(h => h.Id == household).Select(h => h.Number).SingleAsync());

        var view = await county.As<GetAreaExit>(officer).HandleAsync(id);
        Assert.Equal(1, view.HouseholdPapers);
        var export = await county.As<ExportAreaExitFile>(county.TownshipOfficer(Township)).PrepareAsync(id);
        Assert.EndsWith(".zip", export.FileName, StringComparison.Ordinal);
        using var buffer = new MemoryStream();
        await export.WriteAsync(buffer, CancellationToken.None);
        buffer.Position = 0;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("01 贫困村出列申请/出列申请.pdf", names);
            Assert.Contains("03 村级公示材料及现场照片/公示照片.png", names);
            Assert.Contains("03 村级公示材料及现场照片/公示照片 (2).png", names);
            Assert.Contains($"08 贫困户退出程序材料（户退出程序附件）/{number}/评议记录.pdf", names);
            Assert.Contains(ExportAreaExitFile.IndexName, names);
            Assert.Equal(5, names.Count);
            await using (var pdf = zip.GetEntry("01 贫困村出列申请/出列申请.pdf")!.Open())
            {
                using var copy = new MemoryStream();
                await pdf.CopyToAsync(copy);
                Assert.Equal(Pdf, copy.ToArray());
            }
            using var index = new MemoryStream();
            await using (var entry = zip.GetEntry(ExportAreaExitFile.IndexName)!.Open()) await entry.CopyToAsync(index);
            index.Position = 0;
            var sheet = Tuopin.Application.Common.SheetFormats.Read(index, Tuopin.Application.Common.SheetFormat.Xlsx).ToList();
            var header = sheet[0].Cells.Select(c => c.Text).ToList();
            var rows = sheet.Skip(1).Select(r => header.Select((h, i) => (h, v: r[i].Text)).ToDictionary(x => x.h, x => (object?)(string.IsNullOrEmpty(x.v) ? null : x.v))).ToList();
            // One row per file (4) and one per item without a file (10 items − 3 with files = 7).
            Assert.Equal(11, rows.Count);
            var applicationRow = Assert.Single(rows, r => (string?)r["文件名"] == "出列申请.pdf");
            Assert.Equal(("已提交", "是", application.Sha256, officer.UserName), ((string?)applicationRow["状态"], (string?)applicationRow["必备"], (string?)applicationRow["SHA-256"], (string?)applicationRow["上传人"]));
            Assert.Equal(Pdf.Length, Convert.ToInt64(applicationRow["大小（字节）"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("缺失", Assert.Single(rows, r => (string?)r["材料项目"] == "村集体经济收入证明")["状态"]);
            Assert.Equal("未提交", Assert.Single(rows, r => (string?)r["材料项目"] == "验收工作方案")["状态"]);
            var paper = Assert.Single(rows, r => (string?)r["户编号"] == number);
            Assert.Equal(("评议记录.pdf", "村两委民主评议"), ((string?)paper["文件名"], (string?)paper["程序步骤"]));
        }

        // An inspector's copy leaves the household papers (signed agreements, ID copies) out, and its index says so.
        var inspectors = await county.As<ExportAreaExitFile>(county.Inspector).PrepareAsync(id);
        using (var copy = new MemoryStream())
        {
            await inspectors.WriteAsync(copy, CancellationToken.None);
            copy.Position = 0;
            using var zip = new ZipArchive(copy, ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Equal(4, names.Count);
            Assert.DoesNotContain(names, n => n.Contains(number, StringComparison.Ordinal));
            using var index = new MemoryStream();
            await using (var entry = zip.GetEntry(ExportAreaExitFile.IndexName)!.Open()) await entry.CopyToAsync(index);
            index.Position = 0;
            var sheet = Tuopin.Application.Common.SheetFormats.Read(index, Tuopin.Application.Common.SheetFormat.Xlsx).ToList();
            var paperRow = sheet.Single(r => r.Cells.Any(c => c.Text == number));
            Assert.Contains(paperRow.Cells, c => c.Text == "已提交（含个人信息，未打包）");
        }

        // A stored file changed on disk: the export is refused before anything is written, naming the file.
        var store = county.Services.GetRequiredService<AttachmentStore>();
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        await File.WriteAllBytesAsync(store.PathOf(sha), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 9, 9]);
        var changed = await Assert.ThrowsAsync<ConflictException>(() => county.As<ExportAreaExitFile>(officer).PrepareAsync(id));
        Assert.Contains("公示照片.png", changed.Text.Zh, StringComparison.Ordinal);
        Assert.Contains("SHA-256", changed.Text.Zh, StringComparison.Ordinal);

        // Bad uploads are refused with the upload rules' reasons.
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AttachAreaEvidence>(officer).HandleAsync(new AttachAreaEvidence.Request(id, "village_notice", "../x.pdf", new MemoryStream(Pdf))));
        Assert.Equal("upload.name_path", bad.Problems.Single().Code);
        var unknown = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AttachAreaEvidence>(officer).HandleAsync(new AttachAreaEvidence.Request(id, "nope", "x.pdf", new MemoryStream(Pdf))));
        Assert.Equal("area_exit.item_unknown", unknown.Problems.Single().Code);
        var households = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AttachAreaEvidence>(officer).HandleAsync(new AttachAreaEvidence.Request(id, AreaExitRules.HouseholdPapersKey, "x.pdf", new MemoryStream(Pdf))));
        Assert.Equal("area_exit.item_from_households", households.Problems.Single().Code);
    }

    [Theory, BothDatabases]
    public async Task ThePlansDeadline_WinsOverTheSetting_WhichWinsOverTheDefault(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.QueryAsync(async db => { await ProcedureSettings.SetAsync(db, AreaExitSettings.DeadlineKey, "12-05"); return 0; });
        var configured = await county.QueryAsync(db => AreaExitSettings.DeadlineAsync(db, county.CountyId, 2016));
        Assert.Equal(new DateOnly(2016, 12, 5), configured.Date);

        await county.QueryAsync(async db => (await Tuopin.Application.Plan.LoadPlan.EnsureBuiltInAsync(db))!);
        var planned = await county.QueryAsync(db => AreaExitSettings.DeadlineAsync(db, county.CountyId, 2017));
        Assert.Equal(new DateOnly(2017, 12, 15), planned.Date);
        Assert.Contains("2017年出列村、乡镇自评并提出考核验收申请", planned.Source.Zh, StringComparison.Ordinal);
        // A year the plan does not cover falls back to the setting.
        Assert.Equal(new DateOnly(2019, 12, 5), (await county.QueryAsync(db => AreaExitSettings.DeadlineAsync(db, county.CountyId, 2019))).Date);
    }
}
