using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Tuopin.Application.Tests.Exit.ProcedureTests;

namespace Tuopin.Application.Tests.Registry;

/// <summary>
/// The household papers: the 登记表 (full IDs only for roles that see them), the 公示名单 (always masked), the
/// 明白卡 (no IDs, the benefits recorded, no invented assistance), their area rules, audit and PDF.
/// </summary>
public sealed class PapersTests
{
    private const string Huangbo = "三胡乡/黄柏园村";
    private const string Other = "绿水镇/田家寨村";

    private sealed record Arranged(TestCounty County, Guid A, Guid B, Guid C, Guid Elsewhere, string HeadId, string SpouseId);

    private static async Task<Arranged> ArrangeAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member(name: "田大山");
        var spouse = Build.Member(Relation.Spouse, Sex.Female, "向小梅") with { Health = Health.Disabled, DisabilityGrade = 2, MigrantWork = MigrantWork.OutsideProvince, MigrantMonths = 8 };
        var a = await county.AddHouseholdAsync(Huangbo, head, spouse);
        var b = await county.AddHouseholdAsync(Huangbo, Build.Member(name: "李二河"));
        var c = await county.AddHouseholdAsync(Huangbo, Build.Member(name: "张三林"));
        var elsewhere = await county.AddHouseholdAsync(Other, Build.Member(name: "外村人"));
        var version = (await county.As<GetHousehold>(county.Admin).HandleAsync(a)).Version;
        await county.As<RecordIncome>(county.Admin).HandleAsync(new RecordIncome.Request(a, version, Build.Income(2016, wage: 5760m) with { Dibao = 1200m }));
        return new Arranged(county, a, b, c, elsewhere, head.ResidentId!, spouse.ResidentId!);
    }

    private static string Text(byte[] docx, out WordprocessingDocument word)
    {
        word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Empty(new OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        return word.MainDocumentPart!.Document!.Body!.InnerText;
    }

    [Theory, BothDatabases]
    public async Task RegistrationForm_PrintsTheRecords_FullIdsOnlyForRolesThatSeeThem_OnePageAHousehold_Audited(DbProvider provider)
    {
        var (county, a, _, _, elsewhere, headId, spouseId) = await ArrangeAsync(provider);
        await using var _ = county;
        var officer = county.VillageOfficer(Huangbo);

        var own = await county.As<PrintRegistrationForm>(officer).HandleAsync(new PrintRegistrationForm.Request(a, null));
        Assert.Equal((WordParts.ContentType, 1, false), (own.ContentType, own.Households, own.Masked));
        var number = await county.QueryAsync(db => db.Households.Where(h => h.Id == a).Select(h => h.Number).SingleAsync());
        Assert.Equal(number + "-贫困户登记表.docx", own.FileName);
        var text = Text(own.Content, out var word);
        using (word)
        {
            foreach (var expected in new[]
            {
                RegistrationFormDocument.Title, "乡（镇）：三胡乡", "村：黄柏园村", "户编号：" + number, "田大山", headId, "13800001234", "2 人",
                "国家标准", "一般贫困户", "缺资金", string.Concat(RegistrationFormDocument.MemberHeader), "向小梅", spouseId, "配偶",
                "土家族", "初中", "残疾（2级）", "省外务工", "8", string.Concat(RegistrationFormDocument.ConditionHeader), "80.5",
                string.Concat(RegistrationFormDocument.IncomeHeader), "5,760.00", "1,200.00", "户主签字", "村委会（盖章）", "乡镇审核（盖章）", "填表日期",
            })
                Assert.Contains(expected, text, StringComparison.Ordinal);
            // Per capita: (5,760 + 2,000 + 840 + 1,200 − 500) ÷ 2 = 4,650.
            Assert.Contains("4,650.00", text, StringComparison.Ordinal);
            // The registry holds no bank account or land: the form prints no such rows.
            Assert.DoesNotContain("开户银行", text, StringComparison.Ordinal);
            var size = word.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!;
            Assert.Equal(PageOrientationValues.Landscape, size.Orient!.Value);
            Assert.Contains("宋体", word.MainDocumentPart.StyleDefinitionsPart!.Styles!.Descendants<RunFonts>().Select(f => f.EastAsia?.Value));
        }

        // The inspector reads the registry with masked IDs: the same form, masked.
        var inspected = await county.As<PrintRegistrationForm>(county.Inspector).HandleAsync(new PrintRegistrationForm.Request(a, null));
        Assert.True(inspected.Masked);
        var masked = Text(inspected.Content, out word);
        word.Dispose();
        Assert.DoesNotContain(headId, masked, StringComparison.Ordinal);
        Assert.DoesNotContain(spouseId, masked, StringComparison.Ordinal);
        Assert.Contains(Masking.ResidentId(headId), masked, StringComparison.Ordinal);
        Assert.DoesNotContain("13800001234", masked, StringComparison.Ordinal);
        Assert.Contains("138****1234", masked, StringComparison.Ordinal);

        // The whole village: its three households, one a page, nothing of another village.
        var village = await county.As<PrintRegistrationForm>(officer).HandleAsync(new PrintRegistrationForm.Request(null, county.Villages[Huangbo].Id));
        Assert.Equal(3, village.Households);
        Assert.Equal("三胡乡黄柏园村-贫困户登记表.docx", village.FileName);
        var all = Text(village.Content, out word);
        using (word)
        {
            Assert.Equal(2, word.MainDocumentPart!.Document!.Body!.Descendants<Break>().Count(br => br.Type?.Value == BreakValues.Page));
            foreach (var name in new[] { "田大山", "李二河", "张三林" }) Assert.Contains(name, all, StringComparison.Ordinal);
            Assert.DoesNotContain("外村人", all, StringComparison.Ordinal);
            Assert.Contains("尚无收入记录", all, StringComparison.Ordinal);
        }

        // Another village's officer: neither the household nor the village exists for them.
        var stranger = county.VillageOfficer(Other);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<PrintRegistrationForm>(stranger).HandleAsync(new PrintRegistrationForm.Request(a, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<PrintRegistrationForm>(stranger).HandleAsync(new PrintRegistrationForm.Request(null, county.Villages[Huangbo].Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<PrintHouseholdCard>(stranger).HandleAsync(new PrintHouseholdCard.Request(a, null)));
        var both = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PrintRegistrationForm>(officer).HandleAsync(new PrintRegistrationForm.Request(a, county.Villages[Huangbo].Id)));
        Assert.Equal("papers.target", Assert.Single(both.Problems).Code);
        Assert.Equal(1, (await county.As<PrintRegistrationForm>(stranger).HandleAsync(new PrintRegistrationForm.Request(elsewhere, null))).Households);

        // Every print is an export in the audit: who, masked or not.
        var audited = await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "RegistrationForm").OrderBy(e => e.At).Select(e => new { e.UserName, e.Changes, e.Action }).ToListAsync());
        Assert.Equal(4, audited.Count);
        Assert.All(audited, e => Assert.Equal(Application.Audit.AuditAction.Export, e.Action));
        Assert.Contains(audited, e => e.UserName == county.Inspector.UserName && e.Changes.Contains("\"masked\":true", StringComparison.Ordinal));
        Assert.Contains(audited, e => e.UserName == officer.UserName && e.Changes.Contains("\"households\":3", StringComparison.Ordinal));

    }

    [Theory, BothDatabases]
    public async Task PublicList_IsMaskedForEveryRole_ListsTheYearsExitProposalsWithTheNoticeDates_OrTheYearsRegistrations(DbProvider provider)
    {
        var (county, a, b, c, _, headId, _) = await ArrangeAsync(provider);
        await using var __ = county;
        var proposed = await Propose(county, a, b);
        var posted = county.Today.AddDays(-20);
        await WalkToNotice(county, proposed, posted);
        var ends = await county.QueryAsync(db => db.ExitProcedures.Select(p => p.NoticeEndsOn).FirstAsync());
        var numbers = await county.QueryAsync(db => db.Households.ToDictionaryAsync(h => h.Id, h => h.Number));
        var heads = await county.QueryAsync(db => db.Members.Where(m => m.Relation == Relation.Head).Select(m => new { m.HouseholdId, m.ResidentIdCipher }).ToListAsync());
        var fullIds = heads.Select(h => county.Protector.Unprotect(h.ResidentIdCipher)).ToList();
        var year = county.Today.Year;
        var village = county.Villages[Huangbo].Id;

        foreach (var actor in new[] { county.Admin, county.TownshipOfficer("三胡乡"), county.VillageOfficer(Huangbo), county.Inspector })
        {
            var file = await county.As<PrintPublicList>(actor).HandleAsync(new PrintPublicList.Request(village, year));
            Assert.True(file.Masked);
            Assert.Equal($"三胡乡黄柏园村-{year}年拟退出贫困户公示名单.docx", file.FileName);
            var text = Text(file.Content, out var word);
            word.Dispose();
            Assert.Contains($"三胡乡黄柏园村{year}年拟退出贫困户公示", text, StringComparison.Ordinal);
            Assert.Contains("共 2 户 3 人", text, StringComparison.Ordinal);
            Assert.Contains(string.Concat(PublicListDocument.Header), text, StringComparison.Ordinal);
            Assert.Contains(numbers[a], text, StringComparison.Ordinal);
            Assert.Contains(numbers[b], text, StringComparison.Ordinal);
            Assert.DoesNotContain(numbers[c], text, StringComparison.Ordinal);
            Assert.Contains(Masking.ResidentId(headId), text, StringComparison.Ordinal);
            foreach (var id in fullIds) Assert.DoesNotContain(id, text, StringComparison.Ordinal);
            Assert.DoesNotContain("13800001234", text, StringComparison.Ordinal);
            Assert.Contains($"公示时间：{posted:yyyy年M月d日}至{ends:yyyy年M月d日}", text, StringComparison.Ordinal);
            Assert.Contains("监督电话", text, StringComparison.Ordinal);
            Assert.Contains("黄柏园村村民委员会（盖章）", text, StringComparison.Ordinal);
        }

        // The year's registrations (识别年度 2014): all three, dates left blank to be filled in.
        var registered = await county.As<PrintPublicList>(county.Admin).BuildAsync(new PrintPublicList.Request(village, 2014, PublicListKind.Registration));
        Assert.Equal(new[] { a, b, c }.Select(h => numbers[h]).Order(StringComparer.Ordinal), registered.Rows.Select(r => r.Number));
        Assert.All(registered.Rows, r => Assert.EndsWith("************", r.ResidentId, StringComparison.Ordinal));
        Assert.Null(registered.NoticeFrom);
        var blank = Text(PublicListDocument.Write(registered), out var w2);
        w2.Dispose();
        Assert.Contains("公示时间：　　　　年　　月　　日至", blank, StringComparison.Ordinal);

        await Assert.ThrowsAsync<NotFoundException>(() => county.As<PrintPublicList>(county.VillageOfficer(Other)).HandleAsync(new PrintPublicList.Request(village, year)));
        Assert.Equal(4, await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "PublicList")));
    }

    [Fact]
    public async Task HouseholdCard_ShowsTheRecordedBenefits_SaysWhatAssistanceIsNotRecorded_PrintsNoId_AndConvertsToPdf()
    {
        var (county, a, _, _, _, headId, spouseId) = await ArrangeAsync(DbProvider.Sqlite);
        await using var __ = county;
        // Printed by a person, named as the county knows them, not by their login.
        var clerk = county.Admin with { DisplayName = "覃明华" };
        var card = await county.As<PrintHouseholdCard>(clerk).HandleAsync(new PrintHouseholdCard.Request(a, null));
        var text = Text(card.Content, out var word);
        word.Dispose();
        Assert.Contains("覃明华", text, StringComparison.Ordinal);
        Assert.DoesNotContain(county.Admin.UserName, text, StringComparison.Ordinal);
        foreach (var expected in new[] { HouseholdCardDocument.Title, "田大山", "向小梅", "一般贫困户", "缺资金", "未脱贫", "2016年转移性收入", "低保金", "1,200.00", "养老保险金", "840.00", "2,040.00", HouseholdCardDocument.NoCadre, HouseholdCardDocument.NoMeasures, "新识别", "监督举报电话" })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain(headId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(spouseId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Masking.ResidentId(headId), text, StringComparison.Ordinal);
        Assert.Contains("138****1234", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800001234", text, StringComparison.Ordinal);

        // PDF through LibreOffice: the whole village's cards, one conversion.
        var pdf = await county.As<PrintHouseholdCard>(county.Admin).HandleAsync(new PrintHouseholdCard.Request(null, county.Villages[Huangbo].Id, PaperFormat.Pdf));
        Assert.Equal((HouseholdPapers.PdfType, "三胡乡黄柏园村-明白卡.pdf"), (pdf.ContentType, pdf.FileName));
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf.Content, 0, 4), StringComparison.Ordinal);
        Assert.True(pdf.Content.Length > 10_000);

        // Where LibreOffice is not installed: refused with the reason, the .docx offered instead.
        var missing = await Assert.ThrowsAsync<InvalidRequestException>(() => new PdfConversion("/nonexistent/libreoffice").ToPdfAsync(card.Content));
        Assert.Equal("papers.pdf_unavailable", Assert.Single(missing.Problems).Code);
        Assert.Contains(".docx", missing.Problems[0].Message.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HouseholdCard_PrintsTheCadre_TheYearsMeasures_AndThePlansArithmetic_TheCadresPhoneMaskedForAnInspector()
    {
        var (county, a, _, _, _, _, _) = await ArrangeAsync(DbProvider.Sqlite);
        await using var __ = county;
        var year = await county.QueryAsync(db => WorkYear.GetAsync(db, county.Clock));
        var cadre = await county.As<Tuopin.Application.Assistance.RegisterCadre>(county.Admin)
            .HandleAsync(new Tuopin.Application.Assistance.RegisterCadre.Request("覃国富", "县教育局", "副局长", "139 0000 5678"));
        await county.As<Tuopin.Application.Assistance.AssignCadre>(county.Admin)
            .HandleAsync(new Tuopin.Application.Assistance.AssignCadre.Request(a, cadre.Id, new DateOnly(year, 1, 5)));
        await county.As<Tuopin.Application.Assistance.RecordMeasure>(county.Admin).HandleAsync(new Tuopin.Application.Assistance.RecordMeasure.Request(a,
            new Tuopin.Application.Assistance.RecordMeasure.Fields(year, Domain.Assistance.MeasureType.MicroCredit, "扶贫小额信贷5万元发展养殖", Amount: 50_000m, ExpectedIncome: 3_000m)));
        await county.As<Tuopin.Application.Assistance.RecordMeasure>(county.Admin).HandleAsync(new Tuopin.Application.Assistance.RecordMeasure.Request(a,
            new Tuopin.Application.Assistance.RecordMeasure.Fields(year, Domain.Assistance.MeasureType.Industry, "已取消的措施不印", Status: Domain.Assistance.MeasureStatus.Cancelled)));

        var printed = await county.As<PrintHouseholdCard>(county.Admin).HandleAsync(new PrintHouseholdCard.Request(a, null));
        var text = Text(printed.Content, out var word);
        word.Dispose();
        foreach (var expected in new[] { $"三、帮扶责任人和{year}年帮扶措施", "覃国富", "县教育局 副局长", "13900005678", "小额信贷", "扶贫小额信贷5万元发展养殖", "50,000.00", "3,000.00", "计划", "帮扶计划测算：" })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("已取消的措施不印", text, StringComparison.Ordinal);
        Assert.DoesNotContain(HouseholdCardDocument.NoCadre, text, StringComparison.Ordinal);

        var inspectors = Text((await county.As<PrintHouseholdCard>(county.Inspector).HandleAsync(new PrintHouseholdCard.Request(a, null))).Content, out var word2);
        word2.Dispose();
        Assert.Contains("139****5678", inspectors, StringComparison.Ordinal);
        Assert.DoesNotContain("13900005678", inspectors, StringComparison.Ordinal);
    }
}
