using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tuopin.Application.Accounts;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Supervision;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Organisation;

/// <summary>
/// Accounts that work for a unit of the organisation, on both databases: the unit must fit the account's role and area
/// (refused with the field named, nothing stored), its change is audited, and an account of the discipline group
/// (县纪委, a member of 执纪问责组) opens and decides accountability cases while a plain line department is refused.
/// </summary>
public sealed class AccountUnitTests
{
    private sealed record Fixture(TestCounty County, Guid Discipline, Guid Jiwei, Guid Transport, Guid SanhuOffice);

    private static async Task<Fixture> FixtureAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        var save = county.As<SaveUnit>(county.Admin);
        var leading = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.LeadingGroup, "县实施精准扶贫收入倍增工作领导小组")));
        var discipline = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.WorkingGroup, "执纪问责组", ParentId: leading.Id)));
        var infra = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.WorkingGroup, "基础建设组", ParentId: leading.Id)));
        var jiwei = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县纪委", ParentId: discipline.Id)));
        var transport = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县交通运输局", ParentId: infra.Id, Department: Department.Transport)));
        var office = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, "三胡乡扶贫开发办", TownshipId: county.Townships["三胡乡"])));
        return new Fixture(county, discipline.Id, jiwei.Id, transport.Id, office.Id);
    }

    /// <summary>The administrator's create use case over Identity's own store (the web host composes Identity; the application does not).</summary>
    private static CreateUser Create(TestCounty county) => new(new Database(county.Factory, new FixedActor(county.Admin)), Users(county));

    private static UserManager<User> Users(TestCounty county)
    {
        var options = new IdentityOptions();
        AccountRules.Configure(options);
        return new UserManager<User>(new UserOnlyStore<User, TuopinDb, Guid>(county.Factory.CreateForOperator("accounts")), Options.Create(options),
            new PasswordHasher<User>(), [new UserValidator<User>()], [new PasswordValidator<User>()], new UpperInvariantLookupNormalizer(),
            new IdentityErrorDescriber(), null!, NullLogger<UserManager<User>>.Instance);
    }

    private static Task<User?> UserAsync(TestCounty county, string name) =>
        county.QueryAsync(db => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name));

    private static CreateUser.Request Account(string name, Role role, string? area = null, Department? department = null, Guid? unit = null) =>
        new(name, null, role, area, "Tuopin-Test-2016", department, unit);

    [Theory, BothDatabases]
    public async Task TheDisciplineGroupsAccount_OpensAndDecidesACase_APlainLineDepartmentIsRefused_AndNothingWritten(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var create = Create(county);
        // 县纪委 carries no department code: its account names the unit alone.
        var created = await create.HandleAsync(Account("jiwei.zhang", Role.LineDepartment, unit: f.Jiwei));
        Assert.Equal("县纪委", created.UnitName);
        await create.HandleAsync(Account("jiaotong", Role.LineDepartment, department: Department.Transport, unit: f.Transport));
        var jiwei = await AccountUnits.ActorAsync(county.Factory, (await UserAsync(county, "jiwei.zhang"))!);
        var transport = await AccountUnits.ActorAsync(county.Factory, (await UserAsync(county, "jiaotong"))!);
        Assert.True(jiwei.DisciplineGroup);
        Assert.False(transport.DisciplineGroup);
        Assert.True(SupervisionAccess.CanWriteCases(jiwei));
        Assert.False(SupervisionAccess.CanInspect(jiwei));

        var opened = await county.As<RecordAccountabilityCase>(jiwei).HandleAsync(new RecordAccountabilityCase.Request(
            county.Today.Year, f.SanhuOffice, null, "扶贫资金拨付迟缓", AccountabilityMeasure.Admonition, county.Today));
        var listed = Assert.Single(await county.As<ListAccountabilityCases>(jiwei).HandleAsync());
        Assert.Equal((opened.Id, "三胡乡扶贫开发办", true), (listed.Id, listed.SubjectUnit, listed.CanWrite));
        var decided = await county.As<DecideAccountabilityCase>(jiwei).HandleAsync(new DecideAccountabilityCase.Request(
            opened.Id, opened.Version, AccountabilityStatus.Decided, AccountabilityMeasure.Criticism, county.Today));
        Assert.Equal(2, decided);

        // The transport bureau is not in the group: refused to open or decide, and sees no case not about itself.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordAccountabilityCase>(transport).HandleAsync(new RecordAccountabilityCase.Request(
            county.Today.Year, f.SanhuOffice, null, "另案", AccountabilityMeasure.Admonition, county.Today)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<DecideAccountabilityCase>(transport).HandleAsync(new DecideAccountabilityCase.Request(
            opened.Id, decided, AccountabilityStatus.Closed, AccountabilityMeasure.Criticism, county.Today)));
        Assert.Empty(await county.As<ListAccountabilityCases>(transport).HandleAsync());
        var stored = await county.QueryAsync(db => db.AccountabilityCases.AsNoTracking().ToListAsync());
        Assert.Equal((AccountabilityStatus.Decided, 2, "jiwei.zhang"), (Assert.Single(stored).Status, stored[0].Version, stored[0].RecordedBy));
        // The demo's account of the group works for 县纪委 with a generated password, made once.
        var demo = await CreateDemoAccounts.RunAsync(county.Factory, Users(county));
        Assert.Equal(CreateDemoAccounts.DisciplineUserName, demo!.UserName);
        Assert.Null(await CreateDemoAccounts.RunAsync(county.Factory, Users(county)));
        var demoUser = (await UserAsync(county, "jiwei"))!;
        Assert.Equal((f.Jiwei, Role.LineDepartment, true), (demoUser.UnitId, demoUser.Role, demoUser.MustChangePassword));
        Assert.True((await AccountUnits.ActorAsync(county.Factory, demoUser)).DisciplineGroup);

        // The rights follow the organisation as it is at sign-in: a unit moved out of the group no longer brings them.
        var infra = await county.QueryAsync(db => db.OrgUnits.Where(u => u.Name == "基础建设组").Select(u => u.Id).SingleAsync());
        var unit = (await county.As<ListOrganisation>(county.Admin).HandleAsync(new ListOrganisation.Query())).Units.Single(u => u.Id == f.Jiwei);
        var stamp = (await UserAsync(county, "jiwei.zhang"))!.SecurityStamp;
        await county.As<SaveUnit>(county.Admin).HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县纪委", ParentId: infra), f.Jiwei, unit.Version));
        // Its accounts sign in again (their sessions end, audited), so the right does not outlive the move.
        Assert.NotEqual(stamp, (await UserAsync(county, "jiwei.zhang"))!.SecurityStamp);
        var jiweiId = (await UserAsync(county, "jiwei.zhang"))!.Id;
        Assert.Contains("组织关系调整", await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityId == jiweiId).OrderByDescending(e => e.Sequence).Select(e => e.Reason).FirstAsync()), StringComparison.Ordinal);
        Assert.False((await AccountUnits.ActorAsync(county.Factory, (await UserAsync(county, "jiwei.zhang"))!)).DisciplineGroup);
    }

    [Theory, BothDatabases]
    public async Task ADemoAccountThatDoesNotFitItsUnit_StopsTheDemoLoudly_AndNothingIsCreated(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        // The demo's accounts go through the rule CreateUser asks: 县纪委 is no transport bureau, nor a township's office.
        foreach (var misfit in new[]
                 {
                     CreateDemoAccounts.Discipline with { UserName = "jiwei.transport", Department = Department.Transport },
                     CreateDemoAccounts.Discipline with { UserName = "jiwei.township", Role = Role.TownshipOfficer },
                     CreateDemoAccounts.Discipline with { UserName = "jiwei.inspector", Role = Role.Inspector, UnitName = "三胡乡扶贫开发办", UnitKind = UnitKind.TownshipOffice },
                 })
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => CreateDemoAccounts.RunAsync(county.Factory, Users(county), misfit));
            Assert.Contains(misfit.UserName, refused.Message, StringComparison.Ordinal);
            Assert.Null(await UserAsync(county, misfit.UserName));
        }
        // The demo's own account fits.
        Assert.NotNull(await CreateDemoAccounts.RunAsync(county.Factory, Users(county)));
        Assert.Equal(f.Jiwei, (await UserAsync(county, CreateDemoAccounts.DisciplineUserName))!.UnitId);
    }

    [Theory, BothDatabases]
    public async Task AUnitThatDoesNotFit_IsRefusedOnCreateAndChange_WithTheFieldNamed_AndNothingStored(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var create = Create(county);
        foreach (var request in new[]
                 {
                     Account("sanhu", Role.TownshipOfficer, "三胡乡", unit: f.Transport),
                     Account("shuili", Role.LineDepartment, department: Department.Water, unit: f.Transport),
                     Account("laocha", Role.VillageOfficer, "翔凤镇/老茶村", unit: f.SanhuOffice),
                     Account("ducha", Role.Inspector, unit: f.SanhuOffice),
                 })
        {
            var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => create.HandleAsync(request));
            Assert.Equal(("unitId", "account.unit"), (Assert.Single(refused.Problems).Field, refused.Problems[0].Code));
            Assert.Null(await UserAsync(county, request.UserName));
        }

        // A township officer without a unit; given another township's office or a department, refused and unchanged.
        await create.HandleAsync(Account("sanhu", Role.TownshipOfficer, "三胡乡"));
        var change = county.As<ChangeUserRole>(county.Admin);
        var before = await county.QueryAsync(db => db.AuditEntries.CountAsync());
        var wrong = await Assert.ThrowsAsync<InvalidRequestException>(() => change.HandleAsync(new ChangeUserRole.Request("sanhu", UnitId: f.Transport)));
        Assert.Equal("unitId", Assert.Single(wrong.Problems).Field);
        Assert.Null((await UserAsync(county, "sanhu"))!.UnitId);
        Assert.Equal(before, await county.QueryAsync(db => db.AuditEntries.CountAsync()));

        // Its own township's office fits: stored, the sessions end, the change audited with the unit's name.
        var stamp = (await UserAsync(county, "sanhu"))!.SecurityStamp;
        await change.HandleAsync(new ChangeUserRole.Request("sanhu", UnitId: f.SanhuOffice, Reason: "明确所属单位"));
        var user = (await UserAsync(county, "sanhu"))!;
        Assert.Equal(f.SanhuOffice, user.UnitId);
        Assert.NotEqual(stamp, user.SecurityStamp);
        var entry = await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(User) && e.EntityId == user.Id && e.Action == AuditAction.Update).SingleAsync());
        Assert.Equal("明确所属单位", entry.Reason);
        Assert.Contains("\"unit\"", entry.Changes, StringComparison.Ordinal);
        Assert.Contains("三胡乡扶贫开发办", entry.Changes, StringComparison.Ordinal);

        // Moved to another township with the unit kept: the unit no longer fits, so the move is refused until the unit goes.
        var moved = await Assert.ThrowsAsync<InvalidRequestException>(() => change.HandleAsync(new ChangeUserRole.Request("sanhu", Area: "翔凤镇")));
        Assert.Equal("unitId", Assert.Single(moved.Problems).Field);
        await change.HandleAsync(new ChangeUserRole.Request("sanhu", Area: "翔凤镇", RemoveUnit: true));
        Assert.Null((await UserAsync(county, "sanhu"))!.UnitId);
    }
}
