using Microsoft.Playwright;

namespace Tuopin.Browser.Tests.Pages;

public sealed class HouseholdListPage(IPage page)
{
    public ILocator ResultCount => page.GetByTestId("result-count");

    public ILocator Rows => page.GetByTestId("households").Locator("tbody tr");

    public async Task FindByResidentIdAsync(string residentId)
    {
        await page.GetByRole(AriaRole.Textbox, new() { Name = "身份证号码" }).FillAsync(residentId);
        await page.GetByRole(AriaRole.Button, new() { Name = "按身份证号查找" }).ClickAsync();
    }

    public async Task<HouseholdPage> OpenAsync(string number)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await page.WaitForURLAsync("**/households/*");
        return new HouseholdPage(page);
    }
}
