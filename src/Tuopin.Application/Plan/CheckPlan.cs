using Tuopin.Application.Places;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Plan;

/// <summary>
/// Checks a plan's arithmetic and logic, and that it agrees with the county's places: totals against the
/// sum of the years, "2015 includes 2014" splits, village and township counts against their exit lists,
/// townships exiting before their poor villages, zones naming villages that do not exist, industry parts
/// against their totals, working groups against their count, deadlines after the year they serve. Each
/// finding says where in the plan it is (section and field).
/// </summary>
public static class CheckPlan
{
    public sealed record Finding(string Code, string Section, string Path, LocalText Message);

    public static List<Finding> Run(PlanDocument plan, CountyDataSet? places)
    {
        var findings = new List<Finding>();
        void Add(string code, PlanSource? source, string path, string zh, string en) =>
            findings.Add(new Finding(code, source?.Section ?? "—", path, new LocalText(zh, en)));

        var totals = plan.Totals;
        var years = plan.Years.OrderBy(y => y.Year).ToList();
        var yearSections = string.Join("、", years.Select(y => y.Source?.Section).Where(s => s is not null));
        var yearsSource = new PlanSource($"{totals.Source?.Section ?? "—"} / {yearSections}", null);

        foreach (var dup in plan.Years.GroupBy(y => y.Year).Where(g => g.Count() > 1))
            Add("plan.duplicate_year", dup.First().Source, $"years[{dup.Key}]", $"{dup.Key}年的目标出现{dup.Count()}次", $"The year {dup.Key} has {dup.Count()} rows");

        // Totals against the sum of the years.
        if (years.Count > 0)
        {
            var households = years.Sum(y => y.Households);
            if (households != totals.Households)
                Add("plan.years_households_total", yearsSource, "totals.households",
                    $"各年减贫户数相加为{households:N0}户（{string.Join(" + ", years.Select(y => y.Households.ToString("N0")))}），总目标为{totals.Households:N0}户，相差{totals.Households - households:N0}户",
                    $"The yearly households add up to {households:N0} ({string.Join(" + ", years.Select(y => y.Households.ToString("N0")))}) against a total of {totals.Households:N0}, a difference of {totals.Households - households:N0}");
            var people = years.Sum(y => y.People);
            if (people != totals.People)
                Add("plan.years_people_total", yearsSource, "totals.people",
                    $"各年减贫人数相加为{people:N0}人（{string.Join(" + ", years.Select(y => y.People.ToString("N0")))}），总目标为{totals.People:N0}人，相差{totals.People - people:N0}人",
                    $"The yearly people add up to {people:N0} ({string.Join(" + ", years.Select(y => y.People.ToString("N0")))}) against a total of {totals.People:N0}, a difference of {totals.People - people:N0}");
            var villages = years.Sum(y => y.PoorVillages ?? 0);
            if (years.Any(y => y.PoorVillages is not null) && villages != totals.PoorVillages)
                Add("plan.years_villages_total", yearsSource, "totals.poorVillages",
                    $"各年出列贫困村相加为{villages}个，总目标为{totals.PoorVillages}个", $"The yearly poor-village exits add up to {villages} against a total of {totals.PoorVillages}");
        }

        // "2015 includes 2014": the including figure less the included one is the year's own.
        foreach (var y in years.Where(y => y.Includes is not null))
        {
            var inc = y.Includes!;
            if (inc.Year >= y.Year)
                Add("plan.includes_later_year", y.Source, $"years[{y.Year}].includes.year", $"{y.Year}年的目标包括{inc.Year}年的减贫，但{inc.Year}年不在{y.Year}年之前", $"{y.Year} includes {inc.Year}, which is not an earlier year");
            if (y.Net is null) continue;
            if (y.Households - inc.Households != y.Net.Households)
                Add("plan.includes_households", y.Source, $"years[{y.Year}].net.households",
                    $"{y.Year}年{y.Households:N0}户减去其中包括的{inc.Year}年{inc.Households:N0}户为{y.Households - inc.Households:N0}户，方案写实际减贫{y.Net.Households:N0}户",
                    $"{y.Year}: {y.Households:N0} households less the {inc.Households:N0} of {inc.Year} is {y.Households - inc.Households:N0}, but the plan says {y.Net.Households:N0} actual");
            if (y.People - inc.People != y.Net.People)
                Add("plan.includes_people", y.Source, $"years[{y.Year}].net.people",
                    $"{y.Year}年{y.People:N0}人减去其中包括的{inc.Year}年{inc.People:N0}人为{y.People - inc.People:N0}人，方案写实际减贫{y.Net.People:N0}人",
                    $"{y.Year}: {y.People:N0} people less the {inc.People:N0} of {inc.Year} is {y.People - inc.People:N0}, but the plan says {y.Net.People:N0} actual");
        }

        // Townships: count, exit years within the period.
        if (plan.Townships.Count != totals.Townships)
            Add("plan.township_count", totals.Source, "townships", $"总目标为{totals.Townships}个乡镇，出列名单列出{plan.Townships.Count}个", $"The total is {totals.Townships} townships; the exit lists name {plan.Townships.Count}");
        foreach (var dup in plan.Townships.GroupBy(t => t.Name).Where(g => g.Count() > 1))
            Add("plan.duplicate_township", dup.First().Source, $"townships[{dup.Key}]", $"乡镇“{dup.Key}”在出列名单中出现{dup.Count()}次", $"Township '{dup.Key}' is listed {dup.Count()} times");
        foreach (var t in plan.Townships)
        {
            if (t.ExitYear is null)
                Add("plan.township_no_year", t.Source, $"townships[{t.Name}].exitYear", $"乡镇“{t.Name}”没有出列年份", $"Township '{t.Name}' has no exit year");
            else if (plan.Period is { } period && (t.ExitYear < period.From || t.ExitYear > period.To))
                Add("plan.township_outside_period", t.Source, $"townships[{t.Name}].exitYear", $"乡镇“{t.Name}”{t.ExitYear}年出列，不在{period.From}—{period.To}年攻坚期内", $"Township '{t.Name}' exits in {t.ExitYear}, outside {period.From}–{period.To}");
        }

        // Zones named.
        if (plan.Zones.Count is { } zoneCount && zoneCount != plan.Zones.Items.Count)
            Add("plan.zone_count", plan.Zones.Source, "zones.items", $"方案写{zoneCount}大片区，列出{plan.Zones.Items.Count}个", $"The plan says {zoneCount} zones and names {plan.Zones.Items.Count}");

        // Industry parts against their totals.
        var industries = plan.Industries.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var industry in plan.Industries.Where(i => i.Parts is { Count: > 0 }))
        {
            var parts = new List<IndustryTarget>();
            foreach (var id in industry.Parts!)
            {
                if (industries.TryGetValue(id, out var part)) parts.Add(part);
                else Add("plan.industry_unknown_part", industry.Source, $"industries[{industry.Id}].parts", $"产业“{industry.Name}”的组成部分“{id}”不存在", $"Industry '{industry.Name}' names a part '{id}' that does not exist");
            }
            void Compare(string field, string zhUnit, string enUnit, int? whole, Func<IndustryTarget, int?> of)
            {
                if (whole is null || parts.All(p => of(p) is null)) return;
                var sum = parts.Sum(p => of(p) ?? 0);
                if (sum != whole)
                    Add("plan.industry_parts", industry.Source, $"industries[{industry.Id}].{field}",
                        $"产业“{industry.Name}”为{whole:N0}{zhUnit}，其组成（{string.Join("、", parts.Select(p => $"{p.Name}{of(p) ?? 0:N0}"))}）相加为{sum:N0}{zhUnit}",
                        $"Industry '{industry.Name}' is {whole:N0} {enUnit}; its parts ({string.Join(", ", parts.Select(p => $"{p.Id} {of(p) ?? 0:N0}"))}) add up to {sum:N0}");
            }
            Compare("mu", "亩", "mu", industry.Mu, p => p.Mu);
            Compare("scaleFarmers", "户", "scale farmers", industry.ScaleFarmers, p => p.ScaleFarmers);
            Compare("poorHouseholds", "户贫困户", "poor households", industry.PoorHouseholds, p => p.PoorHouseholds);
        }

        // Organisation: named groups against their count.
        if (plan.Organisation?.WorkingGroups is { Names: { } names } groups && names.Count != groups.Count)
            Add("plan.working_group_count", groups.Source, "organisation.workingGroups", $"方案写{groups.Count}个工作组，列出{names.Count}个", $"The plan says {groups.Count} working groups and names {names.Count}");

        // Deadlines after the year they serve.
        foreach (var d in plan.Deadlines)
            if (d.Date.Year > d.Serves)
                Add("plan.deadline_after_year", d.Source, $"deadlines[{d.Id}].date", $"“{d.Name}”的期限{d.Date:yyyy-MM-dd}晚于它所服务的{d.Serves}年", $"'{d.Name}' is due {d.Date:yyyy-MM-dd}, after the year it serves ({d.Serves})");
        foreach (var dup in plan.Targets().GroupBy(t => t.Key).Where(g => g.Count() > 1))
            Add("plan.duplicate_key", dup.First().Source, dup.Key, $"“{dup.Key}”重复", $"'{dup.Key}' appears twice");

        if (places is not null) CheckAgainstPlaces(plan, places, Add);
        return findings;
    }

    private static void CheckAgainstPlaces(PlanDocument plan, CountyDataSet places, Action<string, PlanSource?, string, string, string> add)
    {
        var totals = plan.Totals;
        if (places.County.Code != plan.County.Code)
            add("plan.other_county", null, "county.code", $"方案属于{plan.County.Name}（{plan.County.Code}），区划数据属于{places.County.Name}（{places.County.Code}）", $"The plan is {plan.County.Code}'s; the places data is {places.County.Code}'s");
        var villageNames = places.Villages.Select(v => $"{v.TownshipName}/{v.Name}").ToHashSet();
        var planTownships = plan.Townships.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());

        foreach (var t in plan.Townships)
        {
            var place = places.Townships.FirstOrDefault(p => p.Name == t.Name || (t.Code is not null && p.Code == t.Code));
            if (place is null)
                add("plan.unknown_township", t.Source, $"townships[{t.Name}]", $"出列名单中的乡镇“{t.Name}”不在本县区划中", $"Township '{t.Name}' is not among the county's townships");
            else if (place.PlannedExitYear != t.ExitYear)
                add("plan.township_year_disagrees", t.Source, $"townships[{t.Name}].exitYear", $"乡镇“{t.Name}”方案中{t.ExitYear}年出列，区划数据中为{place.PlannedExitYear?.ToString() ?? "无"}", $"Township '{t.Name}' exits in {t.ExitYear} in the plan but {place.PlannedExitYear?.ToString() ?? "never"} in the places data");
        }
        foreach (var t in places.Townships.Where(p => p.PlannedExitYear is not null && !planTownships.ContainsKey(p.Name)))
            add("plan.township_missing", totals.Source, "townships", $"区划数据中乡镇“{t.Name}”{t.PlannedExitYear}年出列，方案的出列名单中没有它", $"The places data has '{t.Name}' exit in {t.PlannedExitYear}; the plan's exit lists do not name it");

        // Poor-village counts against the exit lists, and townships exiting before their poor villages.
        var poorTotal = places.PoorVillages.Sum(p => p.Value.Count);
        if (poorTotal != totals.PoorVillages)
            add("plan.poor_village_count", totals.Source, "totals.poorVillages", $"总目标为{totals.PoorVillages}个贫困村，区划数据的贫困村名单有{poorTotal}个", $"The total is {totals.PoorVillages} poor villages; the places data lists {poorTotal}");
        foreach (var y in plan.Years.Where(y => y.PoorVillages is not null))
        {
            var listed = places.PoorVillages.TryGetValue(y.Year, out var list) ? list.Count : 0;
            if (listed != y.PoorVillages)
                add("plan.year_village_count", y.Source, $"years[{y.Year}].poorVillages", $"{y.Year}年目标出列{y.PoorVillages}个贫困村，区划数据中{y.Year}年出列的贫困村有{listed}个", $"{y.Year}: the plan has {y.PoorVillages} poor villages exit; the places data lists {listed}");
        }
        foreach (var (year, list) in places.PoorVillages)
            foreach (var name in list)
            {
                var townshipName = name.Split('/')[0];
                if (planTownships.TryGetValue(townshipName, out var t) && t.ExitYear is { } tYear && tYear < year)
                    add("plan.township_before_village", t.Source, $"townships[{t.Name}].exitYear", $"乡镇“{t.Name}”{tYear}年出列，早于其贫困村“{name}”的{year}年", $"Township '{t.Name}' exits in {tYear}, before its poor village '{name}' ({year})");
            }

        // Zones: named alike in both, and naming villages that exist.
        var placeZones = places.Zones.ToDictionary(z => z.Name);
        foreach (var zone in plan.Zones.Items)
        {
            if (!placeZones.TryGetValue(zone.Name, out var placeZone) && zone.Villages is null)
                add("plan.zone_without_villages", plan.Zones.Source, $"zones[{zone.Name}]", $"片区“{zone.Name}”在区划数据中没有，方案也未列出它的村", $"Zone '{zone.Name}' is not in the places data and the plan names none of its villages");
            foreach (var v in (zone.Villages ?? placeZone?.Villages ?? []).Where(v => !villageNames.Contains(v)))
                add("plan.zone_unknown_village", plan.Zones.Source, $"zones[{zone.Name}].villages", $"片区“{zone.Name}”中的“{v}”不在本县村表中", $"Zone '{zone.Name}' names '{v}', which is not a village of the county");
        }
        foreach (var zone in places.Zones.Where(z => plan.Zones.Items.All(p => p.Name != z.Name)))
            add("plan.zone_not_in_plan", plan.Zones.Source, "zones.items", $"区划数据中的片区“{zone.Name}”不在方案中", $"Zone '{zone.Name}' of the places data is not in the plan");
        foreach (var dup in plan.Zones.Items.SelectMany(z => (z.Villages ?? (placeZones.TryGetValue(z.Name, out var pz) ? pz.Villages : [])).Select(v => (v, z.Name))).GroupBy(p => p.v).Where(g => g.Count() > 1))
            add("plan.village_in_two_zones", plan.Zones.Source, "zones", $"“{dup.Key}”同时属于片区{string.Join("、", dup.Select(d => d.Name))}", $"'{dup.Key}' belongs to zones {string.Join(", ", dup.Select(d => d.Name))}");
    }
}
