using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tuopin.Application.Exit;
using Tuopin.Application.Registry;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using Xunit.Abstractions;
using Policies = Tuopin.Web.Hosting.WebApp.Policies;

namespace Tuopin.Browser.Tests.Layout;

/// <summary>
/// Every page of the app (every <see cref="RouteAttribute"/> of the web assembly), opened by each role in
/// Chinese and in English, with real ids: no 404, no server error, no unhandled exception on the circuit; a page
/// the role may not open ends on the app's 403 page; no raw keys or placeholders in the text; in English no
/// Chinese words except data (place and people's names, and the other data the walk's records hold).
/// One browser context per role and language; the pages a role may open are reached inside the running
/// circuit (as the menu reaches them), the refused ones by a full request (which is what a link from outside does).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PageWalkTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture)
{
    /// <summary>The walk's own village (the other journeys' households live in 黄柏园村 and 苗寨沟村).</summary>
    private const string Village = "三胡乡/石桥村";

    private const string Township = "三胡乡";

    private const int Year = 2016;

    /// <summary>Routes the walk does not open, and why. Any other route without a path below fails the walk.</summary>
    private static readonly Dictionary<string, string> Skipped = new()
    {
        ["/forbidden"] = "the 403 page itself: every refused page of the walk must end there, so each role reaches it that way",
    };

    /// <summary>Pages whose English is not checked (none: the plan's stored load note is now said in English too).</summary>
    private static readonly HashSet<string> EnglishExcluded = [];

    /// <summary>The ids of the walk's records, and the data strings (names, places) English pages may show in Chinese.</summary>
    private sealed record WalkData(Guid Household, Guid Member, Guid AreaExit, Guid Edge, Guid Loan, Guid HousingCase, IReadOnlyList<string> DataTexts)
    {
        /// <summary>A project on public notice, and the village and year of an exit list on notice (the public pages).</summary>
        public Guid Project { get; init; }

        public Guid NoticeVillage { get; init; }

        public int NoticeYear { get; init; }

        /// <summary>The year of the village's household-benefit list on notice (the same village), and a unit of the organisation.</summary>
        public int BenefitYear { get; init; }

        public Guid Unit { get; init; }

        /// <summary>An inspection of the village and one of its findings (督查整改).</summary>
        public Guid Inspection { get; init; }

        public Guid Finding { get; init; }
    }

    /// <summary>Paths for the routes with parameters; a route without parameters is walked as it is.</summary>
    private static readonly Dictionary<string, Func<WalkData, string>> Paths = new()
    {
        ["/households/{Id:guid}"] = d => $"/households/{d.Household}",
        ["/households/{Id:guid}/edit"] = d => $"/households/{d.Household}/edit",
        ["/households/{HouseholdId:guid}/members/{MemberId:guid}/edit"] = d => $"/households/{d.Household}/members/{d.Member}/edit",
        ["/households/{HouseholdId:guid}/members/new"] = d => $"/households/{d.Household}/members/new",
        ["/households/{Id:guid}/procedure"] = d => $"/households/{d.Household}/procedure",
        ["/exit/areas/{Id:guid}"] = d => $"/exit/areas/{d.AreaExit}",
        ["/assistance/monitoring/edge/{Id:guid}"] = d => $"/assistance/monitoring/edge/{d.Edge}",
        ["/credit/loans/{Id:guid}"] = d => $"/credit/loans/{d.Loan}",
        ["/housing/cases/{Id:guid}"] = d => $"/housing/cases/{d.HousingCase}",
        ["/projects/{Id:guid}"] = d => $"/projects/{d.Project}",
        ["/quality/{Rule}"] = _ => "/quality/resident_id",
        ["/notices/projects/{Id:guid}"] = d => $"/notices/projects/{d.Project}",
        ["/notices/exit/{VillageId:guid}/{Year:int}"] = d => $"/notices/exit/{d.NoticeVillage}/{d.NoticeYear}",
        ["/notices/benefits/{VillageId:guid}/{Year:int}"] = d => $"/notices/benefits/{d.NoticeVillage}/{d.BenefitYear}",
        ["/organisation/units/{Id:guid}"] = d => $"/organisation/units/{d.Unit}",
        ["/supervision/inspections/{Id:guid}"] = d => $"/supervision/inspections/{d.Inspection}",
        ["/supervision/findings/{Id:guid}"] = d => $"/supervision/findings/{d.Finding}",
        // No parameter in the route, but the rule and year in the query: walked with them, so the list is the one the coverage links to.
        ["/assistance/findings"] = _ => $"/assistance/findings?rule=no_measures&year={Year}",
    };

    public static TheoryData<Role, string> RolesAndLanguages()
    {
        var data = new TheoryData<Role, string>();
        // Every role in Chinese; in English the county's administrator and a village officer (the whole walk in both
        // languages took about 110 s on a 2-core machine; these seven about 88 s).
        foreach (var role in new[] { Role.CountyAdmin, Role.TownshipOfficer, Role.VillageOfficer, Role.Inspector, Role.LineDepartment })
            data.Add(role, "zh");
        data.Add(Role.CountyAdmin, "en");
        data.Add(Role.VillageOfficer, "en");
        // A prefecture's official the operator granted the counties' records, reading 来凤县 from their roll-up (ADR 0016).
        data.Add(Role.PrefectureOfficial, "zh");
        return data;
    }

    private static readonly List<(string Template, Type Type)> Routes = typeof(Tuopin.Web.Program).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), false).Cast<RouteAttribute>().Select(r => (r.Template, Type: t)))
        .OrderBy(r => r.Template, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void EveryRoute_IsWalkedOrSkippedWithAReason()
    {
        Assert.True(Routes.Count > 20, $"only {Routes.Count} routes found");
        var unwalked = Routes.Select(r => r.Template)
            .Where(t => !Skipped.ContainsKey(t) && !Paths.ContainsKey(t) && t.Contains('{', StringComparison.Ordinal))
            .ToList();
        Assert.True(unwalked.Count == 0, "Routes the walk cannot open (add a path to PageWalkTests.Paths, or a reason to Skipped):\n" + string.Join("\n", unwalked));
        var stale = Paths.Keys.Concat(Skipped.Keys).Where(k => !Routes.Any(r => r.Template == k)).ToList();
        Assert.True(stale.Count == 0, "Paths or skips for routes that no longer exist:\n" + string.Join("\n", stale));
    }

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task EveryPage_OpensForTheRole_InItsLanguage_WithoutErrorsRawKeysOrTheOtherLanguage(Role role, string language)
    {
        var data = await DataAsync(fixture);
        var clock = Stopwatch.StartNew();
        var (name, password) = await UserAsync(fixture, role);
        var context = await fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        page.PageError += (_, error) => consoleErrors.Add(error);
        var failures = new List<string>();
        var english = language == "en";

        // The sign-in page is walked too: it is where each context starts.
        if (english) await page.GotoAsync("/culture/en?returnUrl=/login");
        else await page.GotoAsync("/login");
        await page.Locator("h1").WaitForAsync();
        await CheckTextAsync(page, "/login", english, data, failures);
        await page.Locator("#username").FillAsync(name);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await page.Locator(".app-content h1").First.WaitForAsync();
        if (role == Role.PrefectureOfficial)
        {
            // From the roll-up into the county's records: the walk is then the county's pages as this official reads them.
            await page.Locator("[data-testid=rollup-county][data-code='422827'] [data-testid=rollup-read-county]").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            await page.GetByTestId("reading-bar").WaitForAsync();
        }

        var walked = 0;
        var pages = Routes.Where(r => r.Template != "/login" && !Skipped.ContainsKey(r.Template))
            .Select(r => (r.Template, Path: Paths.TryGetValue(r.Template, out var make) ? make(data) : r.Template, Allowed: Allowed(r.Type, role)))
            .ToList();
        var needsReload = false;
        foreach (var (template, path, _) in pages.Where(p => p.Allowed))
        {
            var logs = fixture.App.Logs.Messages.Count;
            consoleErrors.Clear();
            var pageClock = Stopwatch.StartNew();
            // The sign-in pages are server-rendered forms outside the circuit: a link to one loads it whole.
            var isStatic = Routes.First(r => r.Template == template).Type.GetCustomAttributes(typeof(ExcludeFromInteractiveRoutingAttribute), true).Length > 0;
            if (needsReload || isStatic)
            {
                var response = await page.GotoAsync(path);
                if (response is null || response.Status != 200) failures.Add($"{path}: the document answered {response?.Status}");
                needsReload = false;
            }
            else
            {
                // Inside the running circuit, as a menu link goes.
                await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
                await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path);
            }
            var failed = isStatic ? await CheckStaticPageAsync(page, path, english, data, failures) : await CheckPageAsync(page, path, english, data, failures);
            failed |= Problems(path, fixture.App.Logs.Messages.Skip(logs), consoleErrors, failures);
            needsReload = failed || isStatic;
            walked++;
            output.WriteLine($"  {path}: {pageClock.ElapsedMilliseconds} ms");
        }
        foreach (var (template, path, _) in pages.Where(p => !p.Allowed))
        {
            var logs = fixture.App.Logs.Messages.Count;
            consoleErrors.Clear();
            var response = await page.GotoAsync(path);
            if (response?.Status != 403 || new Uri(page.Url).AbsolutePath != "/forbidden")
                failures.Add($"{path}: refused, but answered {response?.Status} at {page.Url} (wanted the 403 page)");
            else if (!await page.GetByTestId("forbidden").IsVisibleAsync() || !(await page.GetByTestId("forbidden-path").InnerTextAsync()).Contains(path, StringComparison.Ordinal))
                failures.Add($"{path}: the 403 page does not name the refused page");
            await CheckTextAsync(page, path + " (403)", english, data, failures);
            // The browser reports the document's own 403 in its console: that is the answer wanted.
            consoleErrors.RemoveAll(e => e.Contains("status of 403", StringComparison.Ordinal));
            Problems(path, fixture.App.Logs.Messages.Skip(logs), consoleErrors, failures);
            walked++;
        }
        await context.CloseAsync();
        output.WriteLine($"{role} {language}: {walked + 1} pages in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"{role} in {language}:\n" + string.Join("\n", failures));
    }

    /// <summary>Waits for the page to render and settle; records 404s, error results and text faults. True when the page failed.</summary>
    private static async Task<bool> CheckPageAsync(IPage page, string path, bool english, WalkData data, List<string> failures)
    {
        var content = page.Locator(".app-content");
        try
        {
            await content.Locator("h1, .ant-result, [data-testid=forbidden]").First.WaitForAsync(new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            failures.Add($"{path}: nothing rendered in 10 s: {Short(await page.Locator("body").InnerTextAsync())}");
            return true;
        }
        await SettleAsync(page);
        if (await page.GetByTestId("forbidden").CountAsync() > 0)
        {
            failures.Add($"{path}: refused inside the app, though the role's policy allows it");
            return true;
        }
        foreach (var (selector, what) in new[] { (".ant-result-404", "404"), (".ant-result-500", "500"), (".ant-result-error", "an error result"), ("#blazor-error-ui", "Blazor's error bar"), ("#components-reconnect-modal", "a lost circuit") })
        {
            var found = page.Locator(selector);
            if (await found.CountAsync() > 0 && await found.First.IsVisibleAsync())
            {
                failures.Add($"{path}: {what}: {Short(await found.First.InnerTextAsync())}");
                return true;
            }
        }
        await CheckTextAsync(page, path, english, data, failures);
        return false;
    }

    /// <summary>A server-rendered page (the sign-in forms): its heading shown, its text checked.</summary>
    private static async Task<bool> CheckStaticPageAsync(IPage page, string path, bool english, WalkData data, List<string> failures)
    {
        if (await page.Locator("h1").CountAsync() == 0)
        {
            failures.Add($"{path}: no heading: {Short(await page.Locator("body").InnerTextAsync())}");
            return true;
        }
        await CheckTextAsync(page, path, english, data, failures);
        return false;
    }

    /// <summary>Until the content's text stops changing and no spinner turns (at most 5 s).</summary>
    private static async Task SettleAsync(IPage page)
    {
        var previous = "";
        for (var i = 0; i < 40; i++)
        {
            var now = await page.EvaluateAsync<string>("() => (document.querySelector('.app-content')?.innerText ?? '') + '|' + document.querySelectorAll('.ant-spin-spinning').length");
            if (now == previous && now.EndsWith("|0", StringComparison.Ordinal)) return;
            previous = now;
            await Task.Delay(125);
        }
    }

    /// <summary>Error-level logs of the server and errors of the browser's console since the page was opened.</summary>
    private static bool Problems(string path, IEnumerable<string> logs, List<string> console, List<string> failures)
    {
        var errors = logs.Where(m => m.StartsWith("Error ", StringComparison.Ordinal) || m.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        foreach (var error in errors) failures.Add($"{path}: server error: {Short(error)}");
        foreach (var error in console) failures.Add($"{path}: browser console: {Short(error)}");
        return errors.Count > 0 || console.Count > 0;
    }

    /// <summary>The visible text, and the placeholders and titles a reader sees, checked for raw keys and (in English) Chinese words that are not data.</summary>
    private static async Task CheckTextAsync(IPage page, string path, bool english, WalkData data, List<string> failures)
    {
        var texts = await page.EvaluateAsync<string[]>(VisibleTextsScript);
        foreach (var marked in texts.Distinct())
        {
            // "1…": inside an element marked lang="zh…" (Chinese on purpose in both languages, e.g. a file's column names).
            var (chineseOnPurpose, text) = (marked[0] == '1', marked[1..]);
            if (RawKey().Match(text) is { Success: true } raw)
                failures.Add($"{path}: raw key or placeholder “{raw.Value}” in “{Short(text)}”");
            if (english && !chineseOnPurpose && !EnglishExcluded.Contains(path))
            {
                var rest = data.DataTexts.Aggregate(text, (t, d) => t.Replace(d, " ", StringComparison.Ordinal));
                if (Chinese().IsMatch(rest)) failures.Add($"{path}: Chinese in English mode: “{Short(text)}”");
            }
        }
    }

    /// <summary>
    /// The page's visible text nodes (each whole), and the placeholders and titles of visible elements; leaving out
    /// what is Chinese on purpose in both languages: the logo's mark (脱) and the link to the Chinese interface (中文).
    /// Each text is marked 1 when it lies in an element below the document marked lang="zh…", 0 otherwise.
    /// </summary>
    private const string VisibleTextsScript = """
        () => {
            const out = [];
            const skip = el => el.closest('script, style, noscript, .app-logo-mark, a[href^="/culture/zh-CN"]');
            const zh = el => { const marked = el.closest('body [lang]'); return marked && marked.lang.startsWith('zh') ? '1' : '0'; };
            const visible = el => el.checkVisibility ? el.checkVisibility({ visibilityProperty: true, opacityProperty: false }) : !!el.offsetParent;
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.textContent.trim();
                const el = node.parentElement;
                if (!text || !el || skip(el) || !visible(el)) continue;
                out.push(zh(el) + text);
            }
            for (const el of document.querySelectorAll('[placeholder], [title]')) {
                if (skip(el) || !visible(el)) continue;
                for (const attr of ['placeholder', 'title']) { const v = el.getAttribute(attr); if (v && v.trim()) out.push(zh(el) + v.trim()); }
            }
            out.push('0' + document.title);
            return out;
        }
        """;

    private static bool Allowed(Type page, Role role)
    {
        var policy = page.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Select(a => a.Policy).FirstOrDefault();
        // The prefecture's official of the walk reads a county on their grant: the policies ask the actor they then are.
        return role == Role.PrefectureOfficial
            ? Policies.Allows(policy, Tuopin.Application.Accounts.Actor.ReadingCounty(Guid.NewGuid(), "walk", role, AreaScope.Region(AreaLevel.Prefecture, Guid.NewGuid()), Guid.NewGuid()))
            : Policies.Allows(policy, role);
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static WalkData? _data;
    private static readonly Dictionary<Role, (string Name, string Password)> Users = [];

    private static async Task<(string Name, string Password)> UserAsync(BrowserFixture fixture, Role role)
    {
        await Gate.WaitAsync();
        try
        {
            if (Users.TryGetValue(role, out var user)) return user;
            var name = "walk_" + role.ToString().ToLowerInvariant();
            var area = role switch { Role.TownshipOfficer => Township, Role.VillageOfficer => Village, _ => null };
            Guid? region = role == Role.PrefectureOfficial
                ? await fixture.County.QueryAsync(db => db.Prefectures.Where(p => p.Code == "422800").Select(p => p.Id).SingleAsync())
                : null;
            var password = await fixture.App.AddUserAsync(name, role, area, department: role == Role.LineDepartment ? Department.Transport : null,
                region: region, countyRecords: region is not null);
            return Users[role] = (name, password);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The walk's records, made once through the use cases: a household of 石桥村 with two members, proposed for
    /// exit in 2016 and reviewed, and the village's own exit for 2016; and the data strings the pages may show.
    /// </summary>
    private static async Task<WalkData> DataAsync(BrowserFixture fixture)
    {
        await Gate.WaitAsync();
        try
        {
            // The assistance records and accounts other journeys of the shared app make are data too, and may come after the walk's first role.
            if (_data is not null) return _data with { DataTexts = Longest(_data.DataTexts.Concat(await AssistanceTextsAsync(fixture.County))) };
            var county = fixture.County;
            var household = await county.AddHouseholdAsync(Village, Build.Member(Relation.Head, Sex.Male, "石永福"), Build.Member(Relation.Spouse, Sex.Female, "杨秀英"));
            var officer = county.VillageOfficer(Village);
            var proposed = await county.As<ProposeExits>(officer).HandleAsync(new ProposeExits.Request(county.Villages[Village].Id, Year, new DateOnly(Year, 9, 1), [household], null));
            await county.As<RecordProcedureStep>(officer).HandleAsync(new RecordProcedureStep.Request(proposed.ProcedureIds, ProcedureStep.DemocraticReview, new DateOnly(Year, 9, 5), null));
            var detail = await county.As<GetHousehold>(county.Admin).HandleAsync(household);
            var villageId = county.Villages[Village].Id;
            await county.QueryAsync(db => db.Villages.Where(v => v.Id == villageId).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 100)));
            await county.QueryAsync(db => Tuopin.Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
            var areaExit = await county.As<OpenAreaExit>(officer).HandleAsync(new OpenAreaExit.Request(AreaExitLevel.Village, villageId, Year));
            var edge = await county.As<Tuopin.Application.Assistance.EnrollEdgeHousehold>(officer).HandleAsync(new Tuopin.Application.Assistance.EnrollEdgeHousehold.Request(villageId,
                Tuopin.Domain.Assistance.EdgeKind.Edge, 3_000m, [new Tuopin.Domain.Assistance.EdgeHouseholds.MemberInput("石边缘", Relation.Head, Build.NewResidentId().Value)],
                Tuopin.Domain.Assistance.MonitoringRisk.IncomeNearLine, "务工收入减少", Address: "一组"));
            // A loan and a housing case of a second household of the village, for their own pages.
            var borrower = await county.AddHouseholdAsync(Village, Build.Member(Relation.Head, Sex.Male, "石永贵"));
            var loan = await county.As<Tuopin.Application.Credit.IssueLoan>(officer).HandleAsync(new Tuopin.Application.Credit.IssueLoan.Request(borrower,
                new Tuopin.Application.Credit.IssueLoan.Fields("来凤农商行", "WALK-1", 30_000m, new DateOnly(Year, 3, 1), 36, "发展藤茶")));
            await county.QueryAsync(db => db.Households.Where(h => h.Id == borrower).ExecuteUpdateAsync(s => s.SetProperty(h => h.Housing, HousingSafety.DangerC)));
            var housing = await county.As<Tuopin.Application.Housing.ApplyForHousing>(officer).HandleAsync(new Tuopin.Application.Housing.ApplyForHousing.Request(borrower, Tuopin.Domain.Housing.HousingCaseKind.Renovation));
            // A project on notice benefiting the household, and a third household's exit list on notice: the public pages.
            var project = await NoticeFixtures.ProjectOnNoticeAsync(county, Village, name: "石桥村通组公路硬化", beneficiaries: [household]);
            var exiting = await county.AddHouseholdAsync(Village, Build.Member(Relation.Head, Sex.Male, "石永安"));
            await NoticeFixtures.PostExitNoticeAsync(county, Village, [exiting]);
            // Last year's household benefits in the village, their list on notice from today; the village's team of the organisation.
            var (_, _, benefitYear) = await NoticeFixtures.BenefitPaymentsAsync(county, Village);
            await county.As<Tuopin.Application.Notices.PublishBenefitNotice>(county.Admin).HandleAsync(
                new Tuopin.Application.Notices.PublishBenefitNotice.Request(county.Villages[Village].Id, benefitYear, county.Today, 10));
            var unit = await county.As<Tuopin.Application.Organisation.SaveUnit>(county.Admin).HandleAsync(new Tuopin.Application.Organisation.SaveUnit.Request(new(
                Tuopin.Domain.Organisation.UnitKind.VillageTeam, "石桥村脱贫责任组", TownshipId: county.Villages[Village].TownshipId, VillageId: county.Villages[Village].Id)));
            // An inspection of the village today, with a finding its team answers for.
            var inspection = await county.As<Tuopin.Application.Supervision.RecordInspection>(county.Inspector).HandleAsync(new Tuopin.Application.Supervision.RecordInspection.Request(
                Tuopin.Domain.Supervision.InspectionKind.Supervision, county.Today.Year, "石桥村精准识别督查", null, county.Villages[Village].TownshipId, villageId, county.Today, county.Today, "张督查"));
            var finding = await county.As<Tuopin.Application.Supervision.RecordFinding>(county.Inspector).HandleAsync(new Tuopin.Application.Supervision.RecordFinding.Request(
                inspection.Id, Tuopin.Domain.Supervision.FindingCategory.Identification, "石桥村家庭人口与户籍不一致", unit.Id, county.Today.AddDays(30)));
            var texts = await county.QueryAsync(async db =>
            {
                var all = new List<string>();
                all.AddRange(await db.Provinces.Select(p => p.Name).ToListAsync());
                all.AddRange(await db.Prefectures.Select(p => p.Name).ToListAsync());
                all.AddRange(await db.Counties.Select(c => c.Name).ToListAsync());
                all.AddRange(await db.Townships.Select(t => t.Name).ToListAsync());
                all.AddRange(await db.Villages.Select(v => v.Name).ToListAsync());
                all.AddRange(await db.Villages.Select(v => v.OfficialName).ToListAsync());
                all.AddRange(await db.VillageGroups.Select(g => g.Name).ToListAsync());
                all.AddRange(await db.Zones.Select(z => z.Name).ToListAsync());
                all.AddRange(await db.Members.Select(m => m.Name).ToListAsync());
                all.AddRange(await db.PovertyLines.Select(p => p.Source).ToListAsync());
                // Industry, credit and housing records: names, banks, purposes, sites and papers are data.
                all.AddRange(await db.MarketEntities.Select(e => e.Name).ToListAsync());
                all.AddRange(await db.Loans.Select(l => l.Bank).Distinct().ToListAsync());
                all.AddRange(await db.Loans.Select(l => l.Purpose).Distinct().ToListAsync());
                all.AddRange(await db.Loans.Select(l => l.Guarantee).Distinct().ToListAsync());
                all.AddRange(await db.Loans.Select(l => l.ContractNumber).ToListAsync());
                all.AddRange(await db.GuaranteeFundDeposits.Select(d => d.Source).ToListAsync());
                all.AddRange((await db.RiskCompensations.Select(c => c.Note).ToListAsync()).OfType<string>());
                all.AddRange((await db.HousingCases.Select(c => c.SiteName).ToListAsync()).OfType<string>());
                // Projects: names, codes, units of output, contractors and their steps' notes are data.
                all.AddRange(await db.Projects.Select(p => p.Name).ToListAsync());
                all.AddRange(await db.Projects.Select(p => p.OutputUnit).Distinct().ToListAsync());
                all.AddRange((await db.Projects.Select(p => p.Contractor).ToListAsync()).OfType<string>());
                all.AddRange((await db.ProjectSteps.Select(s => s.Note).ToListAsync()).OfType<string>());
                // The county's plan (its text, targets, units and responsible offices) is the county's document, in Chinese.
                foreach (var document in await db.PlanVersions.Select(p => p.Document).ToListAsync())
                {
                    var strings = Strings(JsonDocument.Parse(document).RootElement).ToList();
                    all.AddRange(strings);
                    // An industry's short name, as the industry pages show it (茶叶 of 茶叶（绿茶、藤茶、山茶，包括核桃等）).
                    all.AddRange(strings.Where(x => x.Contains('（')).Select(x => x.Split('（')[0]).Where(x => x.Length > 0));
                }
                return all;
            });
            // Who recorded a step: the use cases' actors are named by the test county.
            texts.AddRange([officer.UserName, county.Admin.UserName]);
            // The offices responsible for each unit: the plan's, and a township's government named after it (三胡乡人民政府（乡镇扶贫开发办）).
            var progress = await county.As<Tuopin.Application.Plan.GetProgress>(county.Admin).HandleAsync(new Tuopin.Application.Plan.GetProgress.Query());
            texts.AddRange(progress.Townships.Concat(progress.Villages).Select(u => u.Responsible).OfType<string>());
            texts.AddRange(await AssistanceTextsAsync(county));
            // The notices' data: the project's name, unit and document, the objection office (a county setting), masked names.
            texts.AddRange(["石桥村通组公路硬化", "公里", "来扶组发〔2016〕8号", Tuopin.Application.Notices.NoticeSettings.DefaultObjectionAddress]);
            texts.AddRange(["黄柏园村产业奖补", "产业奖补", "危房改造补助", "张三丰", "李四", "户主", "石桥村脱贫责任组", "财农〔2016〕1号", "财政部"]);
            texts.AddRange(texts.ToList().Select(Tuopin.Domain.Notices.NoticeRules.MaskName));
            return _data = new WalkData(household, detail.Members[0].Id, areaExit, edge.EdgeHouseholdId, loan.Id, housing.Id, Longest(texts))
                { Project = project, NoticeVillage = villageId, NoticeYear = county.Today.Year, BenefitYear = benefitYear, Unit = unit.Id, Inspection = inspection.Id, Finding = finding.Id };
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The Chinese data strings, longest first, so that 三胡乡黄柏园村 is taken whole before 三胡乡.</summary>
    private static List<string> Longest(IEnumerable<string> texts) =>
        texts.Where(t => t.Length >= 2 && Chinese().IsMatch(t)).Distinct().OrderByDescending(t => t.Length).ToList();

    /// <summary>
    /// The names and words of the assistance records (cadres, their units and positions, work teams, measures, why
    /// pairings ended, courses and their attendees, monitoring reasons and notes), and the people's names of the accounts other journeys make (a reviewer named beside a measure).
    /// </summary>
    private static Task<List<string>> AssistanceTextsAsync(TestCounty county) => county.QueryAsync(async db =>
    {
        var all = new List<string>();
        all.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync());
        // Supervision (the walk's and the journeys'): titles, inspectors, findings, measures, evidence files and who recorded them.
        foreach (var i in await db.Inspections.Select(i => new { i.Title, i.Inspectors, i.Notes, i.RecordedBy }).ToListAsync())
            all.AddRange(new[] { i.Title, i.Inspectors, i.Notes, i.RecordedBy }.OfType<string>());
        foreach (var f in await db.Findings.Select(f => new { f.Description, f.Measures, f.ReopenReason, f.RecordedBy, f.SubmittedBy, f.ClosedBy }).ToListAsync())
            all.AddRange(new[] { f.Description, f.Measures, f.ReopenReason, f.RecordedBy, f.SubmittedBy, f.ClosedBy }.OfType<string>());
        foreach (var e in await db.FindingEvidence.Select(e => new { e.FileName, e.UploadedBy }).ToListAsync())
            all.AddRange([e.FileName, e.UploadedBy]);
        all.AddRange(await db.OrgUnits.Select(u => u.Name).ToListAsync());
        foreach (var c in await db.Cadres.Select(c => new { c.Name, c.WorkUnit, c.Position }).ToListAsync())
            all.AddRange(new[] { c.Name, c.WorkUnit, c.Position }.OfType<string>());
        foreach (var t in await db.WorkTeams.Select(t => new { t.StationedUnit, t.FirstSecretary, t.Leader, t.Members }).ToListAsync())
            all.AddRange(new[] { t.StationedUnit, t.FirstSecretary, t.Leader, t.Members }.OfType<string>());
        foreach (var m in await db.Measures.Select(m => new { m.Content, m.EffectNote }).ToListAsync())
            all.AddRange(new[] { m.Content, m.EffectNote }.OfType<string>());
        all.AddRange((await db.CadreAssignments.Select(a => a.EndReason).ToListAsync()).OfType<string>());
        foreach (var c in await db.TrainingCourses.Select(c => new { c.Name, c.Organiser, c.Place }).ToListAsync())
            all.AddRange(new[] { c.Name, c.Organiser, c.Place }.OfType<string>());
        all.AddRange(await db.TrainingAttendances.Select(a => a.PersonName).ToListAsync());
        all.AddRange(await db.EdgeMembers.Select(m => m.Name).ToListAsync());
        all.AddRange((await db.EdgeHouseholds.Select(h => h.Address).ToListAsync()).OfType<string>());
        foreach (var c in await db.MonitoringCases.Select(c => new { c.Reason, c.LastReviewNote, c.CloseReason }).ToListAsync())
            all.AddRange(new[] { c.Reason, c.LastReviewNote, c.CloseReason }.OfType<string>());
        return all;
    });

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static string Short(string text) => text.Length > 160 ? text[..160] + "…" : text;

    /// <summary>A field or resource key, a format placeholder, or a null shown as text.</summary>
    [GeneratedRegex(@"_[a-z]+[A-Z]\w*|\b[a-z]+\.[a-z_]+[：:]|\b[a-zA-Z]+Id\b:|\{\d+\}|\bnull\b|\bundefined\b|\bNaN\b")]
    private static partial Regex RawKey();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
