using Tuopin.Application.Places;
using Tuopin.Application.Plan;

namespace Tuopin.Application.Tests.Plan;

public sealed class CheckPlanTests
{
    private static readonly CountyDataSet Places = CountyDataSet.Laifeng();

    private static List<CheckPlan.Finding> Check(Action<PlanDocument>? change = null, Action<CountyDataSet>? changePlaces = null)
    {
        var plan = PlanDocument.BuiltIn();
        change?.Invoke(plan);
        var places = CountyDataSet.Laifeng();
        changePlaces?.Invoke(places);
        return CheckPlan.Run(plan, places);
    }

    /// <summary>Laifeng's plan made consistent: the total is the sum of its years.</summary>
    private static void Consistent(PlanDocument plan) => plan.Totals.Households = 21_895;

    [Fact]
    public void LaifengsPlan_FindsTheYearlyHouseholdsShortOfTheTotal_AndNothingElse()
    {
        var finding = Assert.Single(Check());

        Assert.Equal("plan.years_households_total", finding.Code);
        Assert.Equal("totals.households", finding.Path);
        Assert.Contains("21,895", finding.Message.Zh, StringComparison.Ordinal);
        Assert.Contains("21,897", finding.Message.Zh, StringComparison.Ordinal);
        Assert.Contains("15,323 + 5,217 + 1,355", finding.Message.En, StringComparison.Ordinal);
        Assert.StartsWith("2 / 2(1)", finding.Section, StringComparison.Ordinal);
    }

    [Fact]
    public void LaifengsPlan_HoldsEveryFigureOfThePlan_WithItsSource()
    {
        var plan = PlanDocument.BuiltIn();

        Assert.Equal((8, 46, 21_897, 78_913), (plan.Totals.Townships, plan.Totals.PoorVillages, plan.Totals.Households, plan.Totals.People));
        Assert.Equal([(2015, 15_323, 55_184), (2016, 5_217, 18_865), (2017, 1_355, 4_864)], plan.Years.Select(y => (y.Year, y.Households, y.People)).ToList());
        Assert.Equal((4_160, 15_000, 11_163, 40_184), (plan.Years[0].Includes!.Households, plan.Years[0].Includes!.People, plan.Years[0].Net!.Households, plan.Years[0].Net!.People));
        Assert.Equal(10, plan.Conditions.Count);
        Assert.Equal(80m, plan.Conditions.Single(c => c.Name == "自然村通畅率").Target);
        Assert.Equal(95m, plan.Conditions.Single(c => c.Name == "大管网集中供水").Target);
        Assert.Equal(10, plan.Zones.Items.Count);
        Assert.Equal(10, plan.Organisation!.WorkingGroups!.Names!.Count);
        Assert.Equal(6, plan.Organisation.SpecialTeams!.Count);
        Assert.Equal(50_000, plan.Industries.Single(i => i.Id == "herbs").Mu);
        Assert.Equal([2016, 2016, 2016, 2016, 2017, 2017, 2017, 2017], plan.Townships.Select(t => t.ExitYear!.Value).ToList());
        Assert.Equal(new DateOnly(2016, 12, 15), plan.Deadlines.Single(d => d.Id == "self_assessment_2016").Date);
        // Every target says where in the plan it comes from and who answers for it.
        Assert.NotEmpty(plan.Targets());
        Assert.All(plan.Targets(), t => Assert.False(string.IsNullOrWhiteSpace(t.Source?.Section), t.Key));
        Assert.All(plan.Targets(), t => Assert.False(string.IsNullOrWhiteSpace(t.Responsible), t.Key));
        Assert.All(plan.Townships, t => Assert.NotNull(t.Source));
    }

    [Fact]
    public void AConsistentPlan_HasNoFindings()
    {
        Assert.Empty(Check(Consistent));
    }

    [Theory]
    [InlineData("people_total", "plan.years_people_total", "totals.people")]
    [InlineData("villages_total", "plan.years_villages_total", "totals.poorVillages", "plan.year_village_count")]
    [InlineData("includes_split", "plan.includes_households", "years[2015].net.households")]
    [InlineData("includes_people", "plan.includes_people", "years[2015].net.people")]
    [InlineData("township_count", "plan.township_count", "townships")]
    [InlineData("township_before_village", "plan.township_before_village", "townships[翔凤镇].exitYear", "plan.township_year_disagrees")]
    [InlineData("zone_unknown_village", "plan.zone_unknown_village", "zones[三胡黄石].villages")]
    [InlineData("industry_parts", "plan.industry_parts", "industries[tea].mu")]
    [InlineData("industry_households", "plan.industry_parts", "industries[tea].poorHouseholds")]
    [InlineData("deadline_after_year", "plan.deadline_after_year", "deadlines[self_assessment_2016].date")]
    [InlineData("working_groups", "plan.working_group_count", "organisation.workingGroups")]
    [InlineData("year_village_count", "plan.year_village_count", "years[2016].poorVillages")]
    [InlineData("unknown_township", "plan.unknown_township", "townships[龙山镇]", "plan.township_missing")]
    public void APlanWithAFault_ReportsIt_WhereItIs(string fault, string code, string path, string? consequence = null)
    {
        var findings = Check(plan =>
        {
            Consistent(plan);
            switch (fault)
            {
                case "people_total": plan.Years[1].People = 18_000; break;
                case "villages_total": plan.Years[2].PoorVillages = 25; plan.Totals.PoorVillages = 46; break;
                case "includes_split": plan.Years[0].Net!.Households = 11_000; break;
                case "includes_people": plan.Years[0].Includes!.People = 14_000; break;
                case "township_count": plan.Totals.Townships = 9; break;
                case "township_before_village": plan.Townships.Single(t => t.Name == "翔凤镇").ExitYear = 2016; break;
                case "zone_unknown_village": plan.Zones.Items[0].Villages = ["三胡乡/黄柏园村", "三胡乡/不存在村"]; break;
                case "industry_parts": plan.Industries.Single(i => i.Id == "vine_tea").Mu = 40_000; break;
                case "industry_households": plan.Industries.Single(i => i.Id == "tea").PoorHouseholds = 7_000; break;
                case "deadline_after_year": plan.Deadlines.Single(d => d.Id == "self_assessment_2016").Date = new DateOnly(2017, 1, 15); break;
                case "working_groups": plan.Organisation!.WorkingGroups!.Names!.RemoveAt(9); break;
                case "year_village_count": plan.Years[1].PoorVillages = 21; plan.Years[2].PoorVillages = 25; break;
                case "unknown_township": plan.Townships[0].Name = "龙山镇"; break;
            }
        });

        var matching = findings.Where(f => f.Code == code && f.Path == path).ToList();
        Assert.NotEmpty(matching);
        // The fault is found where it is, and nothing unrelated is reported beside it (some faults also
        // put the plan at odds with the places data, which is then found too).
        Assert.All(findings, f => Assert.Contains(f.Code, new[] { code, consequence }));
        Assert.All(matching, f => Assert.NotEqual("—", f.Section));
        Assert.All(matching, f => Assert.False(string.IsNullOrWhiteSpace(f.Message.Zh) || string.IsNullOrWhiteSpace(f.Message.En)));
        // 翔凤镇 has five poor villages exiting in 2017: each is a finding of its own.
        if (fault == "township_before_village") Assert.Equal(5, matching.Count);
    }

    [Fact]
    public void TownshipExitYears_MustAgreeWithThePlaces()
    {
        var findings = Check(Consistent, places =>
        {
            var i = places.Townships.FindIndex(t => t.Name == "三胡乡");
            places.Townships[i] = places.Townships[i] with { PlannedExitYear = 2017 };
        });

        var finding = Assert.Single(findings);
        Assert.Equal("plan.township_year_disagrees", finding.Code);
        Assert.Equal("2(4)", finding.Section);
    }

    [Fact]
    public void AZoneOfThePlacesNamingAMissingVillage_IsFound()
    {
        var findings = Check(Consistent, places => places.Zones[1].Villages.Add("翔凤镇/子虚村"));

        var finding = Assert.Single(findings);
        Assert.Equal("plan.zone_unknown_village", finding.Code);
        Assert.Contains("子虚村", finding.Message.Zh, StringComparison.Ordinal);
        Assert.Equal("4(5)", finding.Section);
    }

    [Fact]
    public void WithoutPlaces_OnlyThePlansOwnArithmeticIsChecked()
    {
        var plan = PlanDocument.BuiltIn();
        Consistent(plan);
        plan.Townships.Single(t => t.Name == "翔凤镇").ExitYear = 2016;

        Assert.Empty(CheckPlan.Run(plan, null));
        Assert.NotEmpty(CheckPlan.Run(plan, Places));
    }
}
