using Microsoft.Playwright;

namespace Tuopin.Browser.Tests.Pages;

public sealed class LoginPage(IPage page)
{
    public async Task<OverviewPage> SignInAsync(string userName, string password)
    {
        await SubmitAsync(userName, password);
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return new OverviewPage(page);
    }

    /// <summary>Fills and sends the sign-in form, without expecting to get in (for refusals).</summary>
    public async Task SubmitAsync(string userName, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("登录名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
    }
}

public sealed class OverviewPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator CurrentUser => page.GetByTestId("current-user");

    public async Task<HouseholdListPage> OpenHouseholdsAsync()
    {
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "贫困户" }).First.ClickAsync();
        await page.WaitForURLAsync("**/households");
        return new HouseholdListPage(page);
    }
}
