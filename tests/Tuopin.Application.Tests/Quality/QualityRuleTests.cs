using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Quality;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Quality;

public sealed class QualityRuleTests
{
    private const string Sanhu = "三胡乡/黄柏园村";

    private static int _names;

    // Members with names of their own: the fixture's people must not look like duplicates of each other.
    private static MemberFields M(Relation relation = Relation.Head, Sex sex = Sex.Male, string? name = null, DateOnly? birth = null) =>
        Build.Member(relation, sex, name ?? "测试" + (char)('甲' + Interlocked.Increment(ref _names)), birth);

    private sealed class Fixture(TestCounty county)
    {
        public TestCounty County { get; } = county;
        public Dictionary<string, HashSet<Guid>> Expected { get; } = QualityRules.All.ToDictionary(r => r.Code, _ => new HashSet<Guid>());
        public Guid Clean { get; set; }
        public Guid CleanExited { get; set; }

        public void Expect(string rule, Guid subject) => Expected[rule].Add(subject);

        public async Task<Guid> HeadOfAsync(Guid household) =>
            await County.QueryAsync(db => db.Members.Where(m => m.HouseholdId == household && m.Relation == Relation.Head).Select(m => m.Id).FirstAsync());

        public Task EditAsync(Func<TuopinDb, Task> edit) => County.QueryAsync(async db => { await edit(db); await db.SaveChangesAsync(); return 0; });

        public async Task IncomeAsync(Guid id, IncomeFields income)
        {
            var version = await County.QueryAsync(db => db.Households.Where(h => h.Id == id).Select(h => h.Version).SingleAsync());
            await County.As<RecordIncome>(County.Admin).HandleAsync(new RecordIncome.Request(id, version, income));
        }

        public async Task ExitAsync(Guid id, int year)
        {
            var version = await County.QueryAsync(db => db.Households.Where(h => h.Id == id).Select(h => h.Version).SingleAsync());
            await County.As<ChangeHouseholdStatus>(County.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, version, HouseholdStatus.Exited, year, new DateOnly(year, 12, 15), "测试"));
        }
    }

    /// <summary>
    /// A clean household and a clean exited one, then one faulty household per rule. Every rule must flag
    /// exactly its faulty subjects (the failing case) and neither clean household (the passing case).
    /// </summary>
    private static async Task<Fixture> BuildAsync(TestCounty county)
    {
        var f = new Fixture(county);
        var today = county.Today;
        f.Clean = await county.AddHouseholdAsync(Sanhu, M(), M(Relation.Spouse, Sex.Female),
            M(Relation.Son, birth: today.AddYears(-10)) with { Education = Education.Primary, Schooling = Schooling.Primary, Labour = LabourSkill.None });
        f.CleanExited = await county.AddHouseholdAsync(Sanhu, M());
        await f.IncomeAsync(f.CleanExited, Build.Income(2016));
        await f.ExitAsync(f.CleanExited, 2016);

        var noHead = await county.AddHouseholdAsync(Sanhu, M());
        await f.EditAsync(async db => (await db.Members.SingleAsync(m => m.HouseholdId == noHead)).Relation = Relation.Other);
        f.Expect("head_missing", noHead);

        var twoHeads = await county.AddHouseholdAsync(Sanhu, M(), M(Relation.Son));
        await f.EditAsync(async db => (await db.Members.SingleAsync(m => m.HouseholdId == twoHeads && m.Relation == Relation.Son)).Relation = Relation.Head);
        f.Expect("head_several", twoHeads);

        var birth = new DateOnly(1971, 3, 9);
        var twiceA = await county.AddHouseholdAsync(Sanhu, M(name: "张重复", birth: birth));
        var twiceB = await county.AddHouseholdAsync("翔凤镇/老茶村", M(name: "张重复", birth: birth));
        f.Expect("member_duplicate", await f.HeadOfAsync(twiceA));
        f.Expect("member_duplicate", await f.HeadOfAsync(twiceB));

        var dropout = await county.AddHouseholdAsync(Sanhu, M(), M(Relation.Daughter, Sex.Female, name: "田辍学", birth: today.AddYears(-12)) with { Labour = LabourSkill.None });
        f.Expect("school_age_not_in_school", await county.QueryAsync(db => db.Members.Where(m => m.HouseholdId == dropout && m.Name == "田辍学").Select(m => m.Id).SingleAsync()));

        var uninsured = await county.AddHouseholdAsync(Sanhu, M() with { MedicalInsurance = false });
        f.Expect("no_medical_insurance", await f.HeadOfAsync(uninsured));

        var unsafeHouse = await county.AddHouseholdAsync(Sanhu, M());
        await f.EditAsync(async db => (await db.Households.SingleAsync(h => h.Id == unsafeHouse)).Housing = HousingSafety.DangerD);
        f.Expect("unsafe_housing", unsafeHouse);

        var belowLine = await county.AddHouseholdAsync(Sanhu, M());
        await f.IncomeAsync(belowLine, Build.Income(2016, wage: 100m, expense: 2900m)); // 100 + 2000 + 840 − 2900 = 40 yuan < 2952
        await f.ExitAsync(belowLine, 2016);
        f.Expect("exited_below_line", belowLine);

        var noIncome = await county.AddHouseholdAsync(Sanhu, M());
        await f.ExitAsync(noIncome, 2016);
        f.Expect("exited_without_income", noIncome);

        var negative = await county.AddHouseholdAsync(Sanhu, M());
        await f.IncomeAsync(negative, Build.Income(2015, expense: 10_000m));
        f.Expect("income_expense_exceeds", negative);

        var sizeIncome = await county.AddHouseholdAsync(Sanhu, M());
        await f.IncomeAsync(sizeIncome, Build.Income(2015) with { HouseholdSize = 3 });
        f.Expect("income_size_mismatch", sizeIncome);

        var sizeWrong = await county.AddHouseholdAsync(Sanhu, M());
        await f.EditAsync(async db => (await db.Households.SingleAsync(h => h.Id == sizeWrong)).Size = 4);
        f.Expect("deceased_counted", sizeWrong);

        var leftButPresent = await county.AddHouseholdAsync(Sanhu, M(), M(Relation.Father, name: "田老汉"));
        var father = await county.QueryAsync(db => db.Members.Where(m => m.HouseholdId == leftButPresent && m.Name == "田老汉").Select(m => m.Id).SingleAsync());
        await f.EditAsync(async db => (await db.Members.SingleAsync(m => m.Id == father)).LeftOn = new DateOnly(2017, 1, 1));
        f.Expect("deceased_present", father);

        // The ID rule: a stated sex that contradicts the number. A head whose birth date was changed to
        // make him 12, and a member made 120, contradict their numbers too.
        var wrongSex = await county.AddHouseholdAsync(Sanhu, M());
        var wrongSexHead = await f.HeadOfAsync(wrongSex);
        await f.EditAsync(async db => (await db.Members.SingleAsync(m => m.Id == wrongSexHead)).Sex = Sex.Female);
        f.Expect(QualityRules.ResidentIdCode, wrongSexHead);

        var child = await county.AddHouseholdAsync(Sanhu, M());
        var childHead = await f.HeadOfAsync(child);
        await f.EditAsync(async db => (await db.Members.SingleAsync(m => m.Id == childHead)).BirthDate = today.AddYears(-12));
        f.Expect("head_under_16", childHead);
        f.Expect("school_age_not_in_school", childHead); // a 12-year-old not in school, too
        f.Expect(QualityRules.ResidentIdCode, childHead);

        var old = await county.AddHouseholdAsync(Sanhu, M());
        var oldHead = await f.HeadOfAsync(old);
        await f.EditAsync(async db => (await db.Members.SingleAsync(m => m.Id == oldHead)).BirthDate = today.AddYears(-120));
        f.Expect("age_over_110", oldHead);
        f.Expect(QualityRules.ResidentIdCode, oldHead);

        var early = await county.AddHouseholdAsync(Sanhu, M());
        await f.EditAsync(async db => { var h = await db.Households.SingleAsync(h => h.Id == early); h.Status = HouseholdStatus.Exited; h.ExitYear = 2013; });
        f.Expect("exit_before_registration", early);
        f.Expect("exited_without_income", early);

        var disabled = await county.AddHouseholdAsync(Sanhu, M());
        var disabledHead = await f.HeadOfAsync(disabled);
        await f.EditAsync(async db => (await db.Members.SingleAsync(m => m.Id == disabledHead)).Health = Health.Disabled);
        f.Expect("disability_without_grade", disabledHead);
        return f;
    }

    private static async Task<HashSet<Guid>> FlaggedAsync(TestCounty county, string rule)
    {
        var result = await county.As<ListFindings>(county.Admin).HandleAsync(new ListFindings.Query(rule, PageSize: 200));
        return result.Findings.Items.Select(i => i.SubjectId).ToHashSet();
    }

    [Theory, BothDatabases]
    public async Task EveryRule_FlagsItsFaultyCases_AndNotTheCleanOnes(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await BuildAsync(county);
        var clean = new HashSet<Guid> { f.Clean, f.CleanExited };
        clean.UnionWith(await county.QueryAsync(db => db.Members.Where(m => m.HouseholdId == f.Clean || m.HouseholdId == f.CleanExited).Select(m => m.Id).ToListAsync()));

        var check = await county.As<CheckQuality>(county.Admin).HandleAsync();
        foreach (var rule in QualityRules.All)
        {
            var flagged = await FlaggedAsync(county, rule.Code);
            Assert.True(f.Expected[rule.Code].SetEquals(flagged), $"{rule.Code}: expected {f.Expected[rule.Code].Count}, flagged {flagged.Count}");
            Assert.Empty(flagged.Intersect(clean));
            Assert.NotEmpty(f.Expected[rule.Code]);
            var counted = check.Rules.Single(r => r.Code == rule.Code);
            Assert.Equal(f.Expected[rule.Code].Count, counted.Findings);
            Assert.False(string.IsNullOrWhiteSpace(rule.Explanation.Zh + rule.Explanation.En));
        }
        // Findings by township: the second duplicate is in 翔凤镇.
        var dup = check.Rules.Single(r => r.Code == "member_duplicate");
        Assert.Equal([("三胡乡", 1), ("翔凤镇", 1)], dup.ByTownship.Select(t => (t.Township, t.Findings)).OrderBy(t => t.Township).ToList());
    }

    [Theory, BothDatabases]
    public async Task Reviews_ExplainOrFix_InTheOfficersArea(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await BuildAsync(county);
        var officer = county.TownshipOfficer("三胡乡");
        var unsafeHouse = f.Expected["unsafe_housing"].Single();
        var uninsured = f.Expected["no_medical_insurance"].Single();
        var uninsuredHousehold = await county.QueryAsync(db => db.Members.Where(m => m.Id == uninsured).Select(m => m.HouseholdId).SingleAsync());

        // Explained: stops counting as open, and is audited with its reason.
        await county.As<ReviewFinding>(officer).HandleAsync(new ReviewFinding.Request("unsafe_housing", unsafeHouse, unsafeHouse, ReviewResolution.Explained, "危改项目已立项，2018年竣工"));
        var check = await county.As<CheckQuality>(officer).HandleAsync();
        var housing = check.Rules.Single(r => r.Code == "unsafe_housing");
        Assert.Equal((1, 1, 0), (housing.Findings, housing.Explained, housing.Open));
        Assert.Equal(1, await county.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(QualityReview) && a.HouseholdId == unsafeHouse && a.Reason == "危改项目已立项，2018年竣工")));

        // Fixed but still failing: open again.
        await county.As<ReviewFinding>(officer).HandleAsync(new ReviewFinding.Request("no_medical_insurance", uninsuredHousehold, uninsured, ReviewResolution.Fixed, "已参保"));
        var listed = await county.As<ListFindings>(officer).HandleAsync(new ListFindings.Query("no_medical_insurance"));
        var finding = Assert.Single(listed.Findings.Items);
        Assert.True(finding.Open);
        Assert.Equal(ReviewResolution.Fixed, finding.Review!.Resolution);
        // Once the data is right, the finding is gone.
        await f.EditAsync(async db => (await db.Members.SingleAsync(m => m.Id == uninsured)).MedicalInsurance = true);
        Assert.Empty((await county.As<ListFindings>(officer).HandleAsync(new ListFindings.Query("no_medical_insurance"))).Findings.Items);

        // A reason is required.
        var noReason = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ReviewFinding>(officer).HandleAsync(new ReviewFinding.Request("head_missing", f.Expected["head_missing"].Single(), f.Expected["head_missing"].Single(), ReviewResolution.Explained, " ")));
        Assert.Equal("review.reason_required", Assert.Single(noReason.Problems).Code);

        // Another township's officer sees none of 三胡乡's findings and cannot review them.
        var xiangfeng = county.TownshipOfficer("翔凤镇");
        var theirs = await county.As<CheckQuality>(xiangfeng).HandleAsync();
        Assert.Equal(0, theirs.Rules.Single(r => r.Code == "unsafe_housing").Findings);
        Assert.Equal(1, theirs.Rules.Single(r => r.Code == "member_duplicate").Findings);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ReviewFinding>(xiangfeng).HandleAsync(new ReviewFinding.Request("unsafe_housing", unsafeHouse, unsafeHouse, ReviewResolution.Explained, "越权")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ReviewFinding>(county.Inspector).HandleAsync(new ReviewFinding.Request("unsafe_housing", unsafeHouse, unsafeHouse, ReviewResolution.Explained, "督查")));
    }

    [Theory, BothDatabases]
    public async Task EachFinding_SaysWhatIsWrong_WithoutTheIdDigits(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await BuildAsync(county);
        foreach (var rule in QualityRules.All)
        {
            var listed = await county.As<ListFindings>(county.Admin).HandleAsync(new ListFindings.Query(rule.Code, PageSize: 200));
            Assert.NotEmpty(listed.Findings.Items);
            foreach (var finding in listed.Findings.Items)
                Assert.False(string.IsNullOrWhiteSpace(finding.Detail?.Zh), $"{rule.Code}: no detail for {finding.SubjectId}");
        }
        // The ID rule names the kind of fault only: no digit of the number, no birth date.
        var ids = await county.As<ListFindings>(county.Admin).HandleAsync(new ListFindings.Query(QualityRules.ResidentIdCode, PageSize: 200));
        Assert.All(ids.Findings.Items, i => Assert.DoesNotMatch("[0-9]", i.Detail!.Value.Zh + i.Detail.Value.En));
        // Ages and counts are the facts behind the rule.
        var deceased = Assert.Single((await county.As<ListFindings>(county.Admin).HandleAsync(new ListFindings.Query("deceased_counted"))).Findings.Items);
        Assert.Matches("家庭人口 [0-9]+，在户成员 [0-9]+", deceased.Detail!.Value.Zh);
    }

    [Theory, BothDatabases]
    public async Task ATownship_SeesItsVillages_AndAListNarrowsToOne(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await BuildAsync(county);
        var (village, _) = county.Villages[Sanhu];

        // The county's check breaks down by township, a township's by village, a village's not at all.
        Assert.Equal(Tuopin.Domain.Accounts.AreaLevel.Township, (await county.As<CheckQuality>(county.Admin).HandleAsync()).BreakdownLevel);
        var township = await county.As<CheckQuality>(county.TownshipOfficer("三胡乡")).HandleAsync();
        Assert.Equal(Tuopin.Domain.Accounts.AreaLevel.Village, township.BreakdownLevel);
        var housing = township.Rules.Single(r => r.Code == "unsafe_housing");
        var area = Assert.Single(housing.ByArea);
        Assert.Equal((village, "黄柏园村", 1), (area.AreaId, area.Area, area.Findings));
        Assert.Null((await county.As<CheckQuality>(county.VillageOfficer(Sanhu)).HandleAsync()).BreakdownLevel);

        // A list reached from a village's number holds that village's findings only.
        var all = await county.As<ListFindings>(county.Admin).HandleAsync(new ListFindings.Query("member_duplicate"));
        Assert.Equal(2, all.Findings.Total);
        var one = await county.As<ListFindings>(county.Admin).HandleAsync(new ListFindings.Query("member_duplicate", VillageId: village));
        Assert.Equal("黄柏园村", Assert.Single(one.Findings.Items).Village);
        var none = await county.As<ListFindings>(county.TownshipOfficer("翔凤镇")).HandleAsync(new ListFindings.Query("member_duplicate", VillageId: village));
        Assert.Empty(none.Findings.Items);
    }
}
