using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Layout;

/// <summary>
/// The layout every role works in: a village officer's main journey fits a phone (390×844) and a desktop
/// (1400×900) with each main action in view and no sideways scroll of the page; a refused page ends on the
/// app's own 403 page; each role's menu holds only pages that open. The shared app and browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Name = "龙文秀";

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1400, 900)]
    public async Task VillageOfficersJourney_KeepsEveryActionInView_AndThePageNeverScrollsSideways(int width, int height)
    {
        var head = Build.Member(name: Name + width);
        await fixture.County.AddHouseholdAsync(BrowserFixture.Village, head, Build.Member(Domain.Registry.Relation.Son, Domain.Registry.Sex.Male, "龙小军" + width));
        var page = await PageAsync(width, height);
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await FitsAsync(page, "overview");
        if (width < 992)
        {
            // The menu is a drawer: closed, it takes no room; the button opens it and a link closes it.
            await Expect(page.Locator(".app-sider")).Not.ToBeInViewportAsync();
            await InViewAsync(page, page.GetByTestId("nav-button"));
            await page.GetByTestId("nav-button").ClickAsync();
            await Expect(page.Locator(".app-sider")).ToBeInViewportAsync(new() { Ratio = 1 });
            await InViewAsync(page, page.GetByRole(AriaRole.Menuitem, new() { Name = "贫困户", Exact = true }));
        }
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "贫困户", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/households");
        if (width < 992) await Expect(page.Locator(".app-sider")).Not.ToBeInViewportAsync();
        else await Expect(page.Locator(".app-sider")).ToBeInViewportAsync();
        await InViewAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "退出", Exact = true }));

        // Find the household by a member's name; its number (the way in) stays in view.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "成员姓名" }).FillAsync(Name + width);
        await page.GetByRole(AriaRole.Button, new() { Name = "按姓名查找" }).ClickAsync();
        var list = new HouseholdListPage(page);
        await Expect(list.Rows).ToHaveCountAsync(1);
        var number = list.Rows.First.Locator("td").First.GetByRole(AriaRole.Link);
        await InViewAsync(page, number);
        await FitsAsync(page, "households");
        await number.ClickAsync();
        await page.WaitForURLAsync("**/households/*");

        // The household: the member's name and its 编辑 both in view.
        var household = new HouseholdPage(page);
        var row = household.MemberRow("龙小军" + width);
        await InViewAsync(page, row.Locator("td").First);
        await InViewAsync(page, row.GetByRole(AriaRole.Link, new() { Name = "编辑" }));
        await FitsAsync(page, "household");

        // The events page (a tab of the household): its form and save button.
        await page.GetByRole(AriaRole.Tab, new() { Name = "动态变化" }).ClickAsync();
        await InViewAsync(page, page.GetByTestId("event-kind"));
        await page.GetByTestId("event-save").ScrollIntoViewIfNeededAsync();
        await InViewAsync(page, page.GetByTestId("event-save"));
        await FitsAsync(page, "events");

        // The member's 编辑 opens the member's form.
        await page.GetByRole(AriaRole.Tab, new() { Name = "家庭成员" + " (2)" }).ClickAsync();
        var edit = await household.EditMemberAsync("龙小军" + width);
        await Expect(edit.Name).ToHaveValueAsync("龙小军" + width);
        await FitsAsync(page, "member form");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ScrollIntoViewIfNeededAsync();
        await InViewAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "保存" }));

        // The exit proposal: the household's checkbox and number, and the button that proposes.
        await page.GotoAsync("/exit/procedures");
        var candidate = page.GetByTestId("candidates").Locator("tr", new() { HasText = Name + width });
        await InViewAsync(page, candidate.Locator("input[type=checkbox]"));
        await InViewAsync(page, candidate.GetByRole(AriaRole.Link));
        await page.GetByTestId("propose").ScrollIntoViewIfNeededAsync();
        await InViewAsync(page, page.GetByTestId("propose"));
        await FitsAsync(page, "exit proposal");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RefusedPages_EndOnTheAppsOwn403_ForEachRole()
    {
        var users = new Dictionary<Role, (string Name, string Password)>
        {
            [Role.Inspector] = ("layout_inspector", await fixture.App.AddUserAsync("layout_inspector", Role.Inspector)),
            [Role.TownshipOfficer] = ("layout_township", await fixture.App.AddUserAsync("layout_township", Role.TownshipOfficer, "三胡乡")),
            [Role.VillageOfficer] = (fixture.OfficerName, fixture.OfficerPassword),
        };
        var refused = new (Role Role, string Path, string RoleName)[]
        {
            (Role.Inspector, "/households/new", "督查人员"),
            (Role.Inspector, "/households/import", "督查人员"),
            (Role.Inspector, "/accounts", "督查人员"),
            (Role.TownshipOfficer, "/accounts", "乡镇扶贫专干"),
            (Role.VillageOfficer, "/accounts", "村扶贫信息员"),
            (Role.VillageOfficer, "/plan", "村扶贫信息员"),
            (Role.VillageOfficer, "/exit/evaluation", "村扶贫信息员"),
            (Role.VillageOfficer, "/api/reference", "村扶贫信息员"),
        };
        foreach (var group in refused.GroupBy(r => r.Role))
        {
            var page = await PageAsync(1400, 900);
            await new LoginPage(page).SignInAsync(users[group.Key].Name, users[group.Key].Password);
            foreach (var (_, path, roleName) in group)
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(403, response!.Status);
                await Expect(page.GetByTestId("forbidden-path")).ToContainTextAsync(path);
                await Expect(page.GetByTestId("forbidden-role")).ToContainTextAsync(roleName);
                await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "贫困户", Exact = true })).ToBeVisibleAsync();
                await Expect(page.GetByTestId("forbidden-back")).ToBeVisibleAsync();
            }
            await page.GetByTestId("forbidden-home").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            await Expect(page.GetByTestId("forbidden")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task EveryRolesMenu_OpensOnlyPagesThatAnswer_AndTheVillageOfficerHasNoCountyItems()
    {
        var roles = new (Role Role, string? Area)[] { (Role.CountyAdmin, null), (Role.Inspector, null), (Role.LineDepartment, null), (Role.TownshipOfficer, "三胡乡"), (Role.VillageOfficer, BrowserFixture.Village) };
        var failures = new List<string>();
        foreach (var (role, area) in roles)
        {
            var name = "menu_" + role.ToString().ToLowerInvariant();
            var password = await fixture.App.AddUserAsync(name, role, area, department: role == Role.LineDepartment ? Department.Transport : null);
            var page = await PageAsync(1400, 900);
            await new LoginPage(page).SignInAsync(name, password);
            var menu = page.Locator(".app-sider .ant-menu-item");
            await Expect(menu.First).ToBeVisibleAsync();
            var items = new List<(string Text, string Href)>();
            foreach (var item in await menu.AllAsync())
                items.Add(((await item.InnerTextAsync()).Trim(), await item.Locator("a").GetAttributeAsync("href") ?? ""));
            Assert.NotEmpty(items);
            if (role == Role.VillageOfficer)
                Assert.DoesNotContain(items, i => i.Text is "减贫方案" or "第三方评估" or "接口文档" or "账号");
            if (role == Role.CountyAdmin)
                Assert.Contains(items, i => i.Href == "/api/reference");
            foreach (var (text, href) in items)
            {
                // The document's answer is all this asks (the pages' contents have their own journeys): no need to wait for the circuit.
                var response = await page.GotoAsync(href, new() { WaitUntil = WaitUntilState.Commit });
                if (response is null || response.Status != 200 || new Uri(page.Url).AbsolutePath.StartsWith("/forbidden", StringComparison.Ordinal))
                    failures.Add($"{role}: {text} ({href}) answered {response?.Status} at {page.Url}");
            }
            await page.Context.CloseAsync();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<IPage> PageAsync(int width, int height)
    {
        var context = await fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The element is visible and lies across no edge of the window's width.</summary>
    private static async Task InViewAsync(IPage page, ILocator locator)
    {
        await Expect(locator).ToBeVisibleAsync();
        var box = await locator.BoundingBoxAsync();
        var width = page.ViewportSize!.Width;
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width + 0.5,
            $"{locator} lies at x={box?.X}..{box?.X + box?.Width}, outside the window's 0..{width} on {page.Url}");
    }

    /// <summary>The page as a whole does not scroll sideways (wide tables scroll inside their own box).</summary>
    private static async Task FitsAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{what}: the page is {widths[0]} px wide in a {widths[1]} px window ({page.Url})");
    }
}
