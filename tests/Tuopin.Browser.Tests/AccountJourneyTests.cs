using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Administrator_CreatesAVillageAccount_WhoseOwnerMustChooseAPasswordFirst()
    {
        var adminPassword = await fixture.App.AddUserAsync("county_admin_journey", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("county_admin_journey", adminPassword);

        await page.GetByRole(AriaRole.Menuitem, new() { Name = "账号" }).ClickAsync();
        await page.GetByTestId("account-name").FillAsync("shiqiao_officer");
        await page.GetByTestId("account-role").SelectOptionAsync("VillageOfficer");
        await page.GetByTestId("account-township").SelectOptionAsync(new SelectOptionValue { Label = "三胡乡" });
        await page.GetByTestId("account-village").SelectOptionAsync(new SelectOptionValue { Label = "石桥村" });
        await page.GetByTestId("create-account").ClickAsync();
        await Expect(page.GetByTestId("created-account")).ToContainTextAsync("三胡乡石桥村");
        var generated = await page.GetByTestId("generated-password").InnerTextAsync();
        await Expect(page.GetByTestId("accounts")).ToContainTextAsync("shiqiao_officer");

        var officer = await fixture.NewPageAsync();
        await new LoginPage(officer).SignInAsync("shiqiao_officer", generated);
        await Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        await officer.GotoAsync("/households");
        await Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));

        await officer.GetByLabel("当前密码").FillAsync(generated);
        await officer.GetByRole(AriaRole.Textbox, new() { Name = "新密码（至少10位，含大小写字母和数字）" }).FillAsync("Shiqiao2017village");
        await officer.GetByLabel("再次输入新密码").FillAsync("Shiqiao2017village");
        await officer.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(officer.GetByText("密码已修改")).ToBeVisibleAsync();

        await officer.GotoAsync("/households");
        await Expect(officer.GetByTestId("result-count")).ToContainTextAsync("共 0 户");
    }
}
