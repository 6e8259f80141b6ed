using Microsoft.Playwright;

namespace Tuopin.Browser.Tests.Pages;

public sealed class HouseholdPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Members => page.GetByTestId("members");

    public ILocator MemberRow(string name) => Members.Locator($"tr[data-member='{name}']");

    public async Task<MemberEditPage> EditMemberAsync(string name)
    {
        await MemberRow(name).GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await page.WaitForURLAsync("**/edit");
        return new MemberEditPage(page);
    }

    public async Task<ILocator> OpenHistoryAsync()
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "变更记录" }).ClickAsync();
        return page.GetByTestId("history");
    }
}

public sealed class MemberEditPage(IPage page)
{
    public ILocator Name => page.GetByTestId("member-name");

    public ILocator ResidentId => page.GetByTestId("member-resident-id");

    public ILocator Problems => page.GetByTestId("problems");

    public async Task ChangeNameAsync(string name, string reason)
    {
        await Name.FillAsync(name);
        await page.GetByTestId("reason").FillAsync(reason);
    }

    public async Task<HouseholdPage> SaveAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/edit", StringComparison.Ordinal));
        return new HouseholdPage(page);
    }

    public Task SaveExpectingProblemsAsync() => page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
}
