using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

/// <summary>
/// The form (CreateHousehold) and the registry import check a household with the same code
/// (RegistryChecks and RegistryRules): the same household is refused by both, for the same reason.
/// </summary>
public sealed class SameChecksTests
{
    private const string Village = "三胡乡/黄柏园村";
    private const string Header = "户编号,乡镇,行政村,识别年度,识别日期,主要致贫原因,姓名,证件号码,与户主关系";

    private static MemoryStream Csv(params string[] lines) => new(new UTF8Encoding(false).GetBytes(string.Join("\r\n", lines) + "\r\n"));

    private static string Row(MemberFields head, int year, string registeredOn, string number = "4228272022090001") =>
        string.Join(",", number, "三胡乡", "黄柏园村", year, registeredOn, "缺资金", head.Name, head.ResidentId, "户主");

    private static async Task<Problem> FormRefusalAsync(TestCounty county, MemberFields head, int year, DateOnly registeredOn, string code)
    {
        var request = new CreateHousehold.Request(Build.Household(county.Villages[Village].Id) with { RegistrationYear = year }, [head], RegisteredOn: registeredOn);
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CreateHousehold>(county.Admin).HandleAsync(request));
        return Assert.Single(refused.Problems, p => p.Code == code);
    }

    private static async Task<ImportRegistry.RowError> ImportRefusalAsync(TestCounty county, MemberFields head, int year, string registeredOn, string number = "4228272022090001")
    {
        var result = await county.As<ImportRegistry>(county.Admin).HandleAsync(Csv(Header, Row(head, year, registeredOn, number)), "registry.csv", new ImportRegistry.Options());
        Assert.False(result.Stored);
        return Assert.Single(result.Errors);
    }

    /// <summary>
    /// A registration dated outside the county's adjustment window: the form refused it, the import did
    /// not check the window for new households; both refuse it now, with the same code and message.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RegistrationOutsideTheAdjustmentWindow_IsRefusedByTheFormAndTheImport_ForTheSameReason(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.As<SetAdjustmentWindow>(county.Admin).HandleAsync("09-01..11-30");
        var head = Build.Member();

        var form = await FormRefusalAsync(county, head, 2017, new DateOnly(2017, 3, 1), "event.outside_window");
        var import = await ImportRefusalAsync(county, head, 2017, "2017-03-01");

        Assert.Equal("registeredOn", form.Field);
        Assert.Equal((2, "识别日期", "2017-03-01"), (import.Row, import.Column, import.Value));
        Assert.Equal((form.Code, form.Message), (import.Code, import.Message));
        Assert.Equal(0, await county.QueryAsync(db => db.Households.CountAsync()));

        // Inside the window, the same household goes in either way.
        Assert.True((await county.As<ImportRegistry>(county.Admin).HandleAsync(Csv(Header, Row(head, 2017, "2017-10-01")), "registry.csv", new ImportRegistry.Options())).Stored);
    }

    /// <summary>
    /// A registration date outside the registration year: refused by the form, accepted by the import
    /// before; both refuse it now. A resident ID registered already is refused by both with one message.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RegistrationDateOutsideItsYear_AndARegisteredId_AreRefusedByTheFormAndTheImport_ForTheSameReason(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member();

        var form = await FormRefusalAsync(county, head, 2016, new DateOnly(2017, 3, 1), "household.registered_year");
        var import = await ImportRefusalAsync(county, head, 2016, "2017-03-01");

        Assert.Equal((2, "识别日期"), (import.Row, import.Column));
        Assert.Equal((form.Code, form.Message), (import.Code, import.Message));

        await county.AddHouseholdAsync("三胡乡/石桥村", head);
        var again = head with { Name = "另一人" };
        var formTaken = await FormRefusalAsync(county, again, 2017, new DateOnly(2017, 3, 1), "member.duplicate_resident_id");
        var importTaken = await ImportRefusalAsync(county, again, 2017, "2017-03-01");

        Assert.Equal((2, "证件号码"), (importTaken.Row, importTaken.Column));
        Assert.Equal((formTaken.Code, formTaken.Message), (importTaken.Code, importTaken.Message));
        Assert.Equal(1, await county.QueryAsync(db => db.Households.CountAsync()));
    }

    /// <summary>
    /// A badly formed household number: the form said "户编号应为…", the import "户编号“x”应为…"; both are now
    /// RegistryRules.CheckHouseholdNumber, with the same code and the same message naming the number.
    /// </summary>
    [Theory, BothDatabases]
    public async Task ABadlyFormedHouseholdNumber_IsRefusedByTheFormAndTheImport_WithTheSameCodeAndMessage(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member();
        const string number = "42AB0001";

        var request = new CreateHousehold.Request(Build.Household(county.Villages[Village].Id) with { RegistrationYear = 2017, Number = number }, [head],
            RegisteredOn: new DateOnly(2017, 10, 1));
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CreateHousehold>(county.Admin).HandleAsync(request));
        var form = Assert.Single(refused.Problems, p => p.Field == "number");
        var import = await ImportRefusalAsync(county, head, 2017, "2017-10-01", number);

        Assert.Equal((2, "户编号", number), (import.Row, import.Column, import.Value));
        Assert.Equal("household.number_format", form.Code);
        Assert.Equal((form.Code, form.Message), (import.Code, import.Message));
        Assert.Equal("户编号“42AB0001”应为4至20位数字", form.Message.Zh);
        Assert.Equal(0, await county.QueryAsync(db => db.Households.CountAsync()));
    }

    /// <summary>
    /// An income amount finer than the fen: the form's field and the import's column are refused by the one
    /// rule (RegistryRules.CheckAmount), with the same code, and the same message but for the import naming
    /// its column with the year ("2017年工资性收入").
    /// </summary>
    [Theory, BothDatabases]
    public async Task AnIncomeFinerThanTheFen_IsRefusedByTheFormAndTheImport_ByTheSameRule(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member();
        var request = new CreateHousehold.Request(Build.Household(county.Villages[Village].Id) with { RegistrationYear = 2017 }, [head],
            [Build.Income(2017, wage: 1200.005m)], RegisteredOn: new DateOnly(2017, 10, 1));
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CreateHousehold>(county.Admin).HandleAsync(request));
        var form = Assert.Single(refused.Problems);

        var result = await county.As<ImportRegistry>(county.Admin).HandleAsync(
            Csv(Header + ",2017年工资性收入", Row(head, 2017, "2017-10-01") + ",1200.005"), "registry.csv", new ImportRegistry.Options());
        Assert.False(result.Stored);
        var import = Assert.Single(result.Errors);

        Assert.Equal(("incomes[0].wage", "income.precision"), (form.Field, form.Code));
        Assert.Equal((2, "2017年工资性收入", "1200.005", "income.precision"), (import.Row, import.Column, import.Value, import.Code));
        Assert.Equal("工资性收入最多保留两位小数（分），填写的是 1200.005", form.Message.Zh);
        Assert.Equal(("2017年" + form.Message.Zh, form.Message.En.Replace("Wage income", "Wage income 2017", StringComparison.Ordinal)), (import.Message.Zh, import.Message.En));
        Assert.Equal(0, await county.QueryAsync(db => db.Households.CountAsync()));
    }
}
