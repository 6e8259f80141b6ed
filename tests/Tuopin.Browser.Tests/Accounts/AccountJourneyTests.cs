using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Accounts;

[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
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

    [Fact]
    public async Task Administrator_DisablesAnAccount_WhoseOpenPageEnds_ThenResetsItsPassword()
    {
        var adminPassword = await fixture.App.AddUserAsync("county_admin_offboard", Role.CountyAdmin);
        var officerPassword = await fixture.App.AddUserAsync("leaving_officer", Role.VillageOfficer, BrowserFixture.Village);
        var officer = await fixture.NewPageAsync();
        await new LoginPage(officer).SignInAsync("leaving_officer", officerPassword);
        await officer.GotoAsync("/households");
        await Expect(officer.GetByTestId("result-count")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"共 \d+ 户"));

        var admin = await fixture.NewPageAsync();
        await new LoginPage(admin).SignInAsync("county_admin_offboard", adminPassword);
        await admin.GotoAsync("/accounts");
        var row = admin.GetByTestId("account-leaving_officer");
        await Expect(row).ToContainTextAsync("正常");
        // Asked first; cancelling leaves the account as it was.
        await admin.GetByTestId("disable-leaving_officer").ClickAsync();
        await Expect(admin.GetByTestId("confirm-leaving_officer")).ToContainTextAsync("确定停用？");
        await admin.GetByTestId("confirm-leaving_officer").GetByTestId("confirm-no").ClickAsync();
        await Expect(admin.GetByTestId("confirm-leaving_officer")).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("正常");
        await admin.GetByTestId("disable-leaving_officer").ClickAsync();
        await Expect(admin.GetByTestId("confirm-leaving_officer")).ToBeVisibleAsync();
        await admin.GetByTestId("confirm-leaving_officer").GetByTestId("confirm-yes").ClickAsync();
        await Expect(admin.GetByTestId("account-done")).ToContainTextAsync("已停用账号 leaving_officer");
        await Expect(row).ToContainTextAsync("已停用");
        // The administrator cannot disable their own account from the list.
        await Expect(admin.GetByTestId("disable-county_admin_offboard")).ToHaveCountAsync(0);

        // The officer's open page ends by itself and lands on the sign-in page; signing in again is refused.
        await Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await new LoginPage(officer).SubmitAsync("leaving_officer", officerPassword);
        await Expect(officer.GetByText("该账号已停用")).ToBeVisibleAsync();

        // Enabled again with a new password: the old one is refused, the new one leads to choosing one's own.
        await admin.GetByTestId("enable-leaving_officer").ClickAsync();
        await Expect(admin.GetByTestId("confirm-leaving_officer")).ToBeVisibleAsync();
        await admin.GetByTestId("confirm-leaving_officer").GetByTestId("confirm-yes").ClickAsync();
        await Expect(row).ToContainTextAsync("正常");
        await admin.GetByTestId("reset-leaving_officer").ClickAsync();
        await Expect(admin.GetByTestId("confirm-leaving_officer")).ToBeVisibleAsync();
        await admin.GetByTestId("confirm-leaving_officer").GetByTestId("confirm-yes").ClickAsync();
        var generated = await admin.GetByTestId("reset-password").InnerTextAsync();
        await Expect(row).ToContainTextAsync("须修改密码");
        await new LoginPage(officer).SubmitAsync("leaving_officer", officerPassword);
        await Expect(officer.GetByText("登录名或密码不正确")).ToBeVisibleAsync();
        await new LoginPage(officer).SubmitAsync("leaving_officer", generated);
        await Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
    }

    [Fact]
    public async Task Administrator_MovesAnOfficerToAnotherVillage_AtPhoneWidth()
    {
        var adminPassword = await fixture.App.AddUserAsync("county_admin_move", Role.CountyAdmin);
        await fixture.App.AddUserAsync("moving_officer", Role.VillageOfficer, BrowserFixture.Village);
        var admin = await fixture.NewPageAsync();
        await admin.SetViewportSizeAsync(390, 844);
        await new LoginPage(admin).SignInAsync("county_admin_move", adminPassword);
        await admin.GotoAsync("/accounts");
        await admin.GetByTestId("edit-moving_officer").ClickAsync();
        await Expect(admin.GetByText("修改账号 moving_officer")).ToBeVisibleAsync();
        await admin.GetByTestId("account-township").SelectOptionAsync(new SelectOptionValue { Label = "翔凤镇" });
        await admin.GetByTestId("account-village").SelectOptionAsync(new SelectOptionValue { Label = "老茶村" });
        await admin.GetByTestId("save-account").ClickAsync();
        await Expect(admin.GetByTestId("account-done")).ToContainTextAsync("已修改账号 moving_officer");
        await Expect(admin.GetByTestId("account-moving_officer")).ToContainTextAsync("翔凤镇老茶村");
        // Nothing of the page is wider than the phone.
        var width = await admin.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await admin.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.table-scroll')).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join(' | ')");
        Assert.True(width <= 390, $"The accounts page is {width}px wide at 390px: {wide}");

        // A confirmation asked in the row is within the phone's width, its buttons reachable without scrolling sideways.
        await admin.GetByTestId("reset-moving_officer").ClickAsync();
        var yes = admin.GetByTestId("confirm-moving_officer").GetByTestId("confirm-yes");
        await Expect(yes).ToBeVisibleAsync();
        var box = await yes.BoundingBoxAsync();
        Assert.True(box is { } b && b.X >= 0 && b.X + b.Width <= 390, $"The confirmation's button is at {box?.X}..{box?.X + box?.Width} at 390px; " + await admin.EvaluateAsync<string>("(() => { const a = document.querySelector('.confirm-row .ant-alert'); const r = a.getBoundingClientRect(); const s = getComputedStyle(a); return r.left + '..' + r.right + ' pos=' + s.position + ' max=' + s.maxWidth + ' td=' + a.parentElement.getBoundingClientRect().width; })()"));
        await admin.GetByTestId("confirm-moving_officer").GetByTestId("confirm-no").ClickAsync();
        await Expect(admin.GetByTestId("reset-account")).ToHaveCountAsync(0);
    }
}
