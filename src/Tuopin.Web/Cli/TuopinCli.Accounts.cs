using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    private static Command UsersCommand(TextWriter output, TextWriter error)
    {
        var users = new Command("users", "Officials' accounts");
        var name = new Option<string>("--name") { Description = "Login name", Required = true };
        var display = new Option<string?>("--display-name") { Description = "The name shown in the UI and the audit" };
        var role = new Option<string>("--role") { Description = "county-admin, township, village, line-department, inspector, prefecture or province", Required = true };
        role.AcceptOnlyFromAmong(RoleNames.Keys.ToArray());
        var area = new Option<string?>("--area") { Description = "Township (9-digit code or name) or village (12-digit code or township/village name)" };
        var password = new Option<string?>("--password") { Description = "Omit to generate one, printed once" };
        var department = new Option<string?>("--department") { Description = "A line department's department: " + string.Join(", ", Enum.GetValues<Department>().Select(Departments.Code)) };
        department.AcceptOnlyFromAmong(Enum.GetValues<Department>().Select(Departments.Code).ToArray());
        var unit = new Option<string?>("--unit") { Description = "The unit of the organisation the account works for (its name, an alias or its id); it must fit the role and area" };
        var records = new Option<bool>("--records") { Description = "A prefecture's or province's account only: grant it the records of its counties, read one at a time, masked and read-only" };
        var add = new Command("add", "Create an account") { name, display, role, area, password, department, unit, records };
        add.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await sp.GetRequiredService<MigrateDatabase>().HandleAsync(ct);
            var result = await sp.GetRequiredService<CreateUser>().HandleAsync(
                new CreateUser.Request(parse.GetValue(name)!, parse.GetValue(display), RoleNames[parse.GetValue(role)!], parse.GetValue(area), parse.GetValue(password), Departments.FromCode(parse.GetValue(department)),
                    await UnitIdAsync(sp, parse.GetValue(unit), ct), parse.GetValue(records)), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else
            {
                await output.WriteLineAsync($"已创建账号 {result.UserName}（{parse.GetValue(role)}，{result.AreaName}{(result.UnitName is null ? "" : "，" + result.UnitName)}）。");
                if (parse.GetValue(records)) await output.WriteLineAsync("该账号可从汇总页逐县查阅辖区县级记录（只读，个人信息脱敏）。");
                if (result.GeneratedPassword is not null)
                    await output.WriteLineAsync($"初始密码：{result.GeneratedPassword}（只显示这一次，请首次登录后修改）");
            }
            return Ok;
        }));
        var list = new Command("list", "List accounts: role, area, last sign-in, disabled");
        list.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var items = await sp.GetRequiredService<ListUsers>().HandleAsync(ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(items, Json));
            else
            {
                foreach (var u in items)
                {
                    var last = u.LastSignInAt is { } at ? at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "从未登录";
                    var state = u.Disabled ? "已停用" : u.MustChangePassword ? "须改密码" : "正常";
                    var department = u.Department is { } d ? "（" + Departments.Name(d).Zh + "）" : "";
                    var worksFor = u.UnitName is null ? "" : " 单位：" + u.UnitName;
                    var grant = u.CountyRecords ? "（可查阅县级记录）" : "";
                    await output.WriteLineAsync($"{u.UserName,-16} {RoleNames.First(r => r.Value == u.Role).Key,-16} {state,-6} 上次登录 {last,-16} {u.Area}{department}{grant}{worksFor} {u.DisplayName}");
                }
            }
            return Ok;
        }));
        users.Subcommands.Add(add);
        users.Subcommands.Add(list);

        var who = new Option<string>("--name") { Description = "The account's login name", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit)" };
        var disable = new Command("disable", "Disable an account: it cannot sign in; its sessions and tokens end") { who, reason };
        disable.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await sp.GetRequiredService<DisableUser>().HandleAsync(new DisableUser.Request(parse.GetValue(who)!, parse.GetValue(reason)), ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { userName = parse.GetValue(who), disabled = true }, Json) : $"已停用账号 {parse.GetValue(who)}，其登录已全部失效。");
            return Ok;
        }));
        var enable = new Command("enable", "Enable a disabled account") { who, reason };
        enable.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await sp.GetRequiredService<EnableUser>().HandleAsync(new EnableUser.Request(parse.GetValue(who)!, parse.GetValue(reason)), ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { userName = parse.GetValue(who), disabled = false }, Json) : $"已启用账号 {parse.GetValue(who)}。");
            return Ok;
        }));
        var reset = new Command("reset-password", "Give an account a new generated password (printed once; to be changed at the next sign-in)") { who, reason };
        reset.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var result = await sp.GetRequiredService<ResetPassword>().HandleAsync(new ResetPassword.Request(parse.GetValue(who)!, parse.GetValue(reason)), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else
            {
                await output.WriteLineAsync($"已重置 {result.UserName} 的密码，原有登录已全部失效。");
                await output.WriteLineAsync($"新密码：{result.Password}（只显示这一次，请转交本人；登录后须修改）");
            }
            return Ok;
        }));
        var newRole = new Option<string?>("--role") { Description = "The new role: " + string.Join(", ", RoleNames.Keys) };
        newRole.AcceptOnlyFromAmong(RoleNames.Keys.ToArray());
        var newArea = new Option<string?>("--area") { Description = "The new township or village (code or name)" };
        var newDepartment = new Option<string?>("--department") { Description = "The new department of a line-department account" };
        newDepartment.AcceptOnlyFromAmong(Enum.GetValues<Department>().Select(Departments.Code).ToArray());
        var newName = new Option<string?>("--display-name") { Description = "The name shown in the UI and the audit" };
        var newUnit = new Option<string?>("--unit") { Description = "The unit the account works for now (name, alias or id)" };
        var removeUnit = new Option<bool>("--remove-unit") { Description = "The account works for no unit any more" };
        var change = new Command("change", "Change an account's role, area, department, unit or shown name; its sessions end") { who, newRole, newArea, newDepartment, newName, reason, newUnit, removeUnit };
        change.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var role = parse.GetValue(newRole) is { } r ? RoleNames[r] : (Role?)null;
            await sp.GetRequiredService<ChangeUserRole>().HandleAsync(new ChangeUserRole.Request(parse.GetValue(who)!, role, parse.GetValue(newArea),
                Departments.FromCode(parse.GetValue(newDepartment)), parse.GetValue(newName), parse.GetValue(reason),
                await UnitIdAsync(sp, parse.GetValue(newUnit), ct), parse.GetValue(removeUnit)), ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { userName = parse.GetValue(who), changed = true }, Json) : $"已修改账号 {parse.GetValue(who)}；新的权限在下次登录时生效。");
            return Ok;
        }));
        // The grant to read the counties' records (ADR 0016): the operator's, here only; the account's sessions end.
        // What is granted, said on the command line (the one grant there is; a bool option is never missing to the parser, so the verbs ask).
        var grantRecords = new Option<bool>("--records") { Description = "The records of the counties of the account's prefecture or province, read one county at a time from the roll-up, masked and read-only (required)" };
        var grant = new Command("grant", "Grant a prefecture's or province's account the records of its counties (masked, read-only); its sessions end") { who, grantRecords, reason };
        grant.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            if (!parse.GetValue(grantRecords)) return await NameTheGrantAsync(error);
            await sp.GetRequiredService<GrantCountyRecords>().HandleAsync(new GrantCountyRecords.Request(parse.GetValue(who)!, true, parse.GetValue(reason)), ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { userName = parse.GetValue(who), countyRecords = true }, Json)
                : $"已授权 {parse.GetValue(who)} 查阅辖区县级记录（只读，个人信息脱敏）；其原有登录已失效，重新登录后生效。");
            return Ok;
        }));
        var revoke = new Command("revoke", "Take back a prefecture's or province's account's grant of its counties' records; its sessions end") { who, grantRecords, reason };
        revoke.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            if (!parse.GetValue(grantRecords)) return await NameTheGrantAsync(error);
            await sp.GetRequiredService<GrantCountyRecords>().HandleAsync(new GrantCountyRecords.Request(parse.GetValue(who)!, false, parse.GetValue(reason)), ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { userName = parse.GetValue(who), countyRecords = false }, Json)
                : $"已收回 {parse.GetValue(who)} 查阅县级记录的授权；其原有登录已失效。");
            return Ok;
        }));
        users.Subcommands.Add(disable);
        users.Subcommands.Add(enable);
        users.Subcommands.Add(grant);
        users.Subcommands.Add(revoke);
        users.Subcommands.Add(reset);
        users.Subcommands.Add(change);
        return users;
    }

    private static async Task<int> NameTheGrantAsync(TextWriter error)
    {
        await error.WriteLineAsync("请指明授权内容：--records（查阅辖区县级记录，只读、个人信息脱敏）");
        return Usage;
    }

    /// <summary>The unit a shell names by its id, name or alias (the operator sees the whole organisation).</summary>
    private static async Task<Guid?> UnitIdAsync(IServiceProvider sp, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var wanted = text.Trim();
        if (Guid.TryParse(wanted, out var id)) return id;
        var units = (await sp.GetRequiredService<Application.Organisation.ListOrganisation>().HandleAsync(new Application.Organisation.ListOrganisation.Query(), ct)).Units;
        var hits = units.Where(u => u.Name == wanted || (u.Aliases ?? "").Split('、', StringSplitOptions.TrimEntries).Contains(wanted)).ToList();
        return hits.Count == 1 ? hits[0].Id : throw new Application.Common.InvalidRequestException([new Domain.Common.Problem("unitId", "account.unit", hits.Count == 0
            ? new Domain.Common.LocalText($"没有找到单位“{wanted}”", $"No unit '{wanted}'")
            : new Domain.Common.LocalText($"“{wanted}”对应多个单位，请用单位编号", $"'{wanted}' names several units; use the unit's id"))]);
    }

    public static readonly Dictionary<string, Role> RoleNames = new()
    {
        ["county-admin"] = Role.CountyAdmin,
        ["township"] = Role.TownshipOfficer,
        ["village"] = Role.VillageOfficer,
        ["line-department"] = Role.LineDepartment,
        ["inspector"] = Role.Inspector,
        ["prefecture"] = Role.PrefectureOfficial,
        ["province"] = Role.ProvinceOfficial,
    };
}
