using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Accounts;

/// <summary>
/// Creates an official's account with a role and an area given by its code (county 6 digits,
/// township 9, village 12) or its name, and the unit of the organisation it works for if any (one that fits the role and
/// area: <see cref="Domain.Organisation.AccountUnitRules.Fit"/>). Without a password, one is generated and returned once.
/// A prefecture's or province's account may be made with the grant to read its counties' records (<see cref="GrantCountyRecords"/>).
/// </summary>
public sealed class CreateUser(Database database, UserManager<User> users)
{
    public sealed record Request(string UserName, string? DisplayName, Role Role, string? Area = null, string? Password = null, Department? Department = null,
        Guid? UnitId = null, bool CountyRecords = false);

    public sealed record Response(Guid UserId, string UserName, string? GeneratedPassword, string AreaName, string? UnitName = null);

    public async Task<Response> HandleAsync(Request request, CancellationToken ct = default)
    {
        if (!Permissions.CanManageUsers(database.Actor.Role) || database.Actor.Scope.Level is not (AreaLevel.Everything or AreaLevel.County))
            throw new ForbiddenException(new LocalText("只有县级管理员可以创建账号", "Only a county administrator creates accounts"));
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Trim().Length is < 2 or > 50)
            problems.Add(new Problem("userName", "user.name", new LocalText("登录名应为2至50个字符", "A user name has 2 to 50 characters")));
        if (!Enum.IsDefined(request.Role))
            problems.Add(new Problem("role", "user.role", new LocalText("角色无效", "Unknown role")));
        // A line department's account names its department, or the unit it works for (县纪委 carries no department code).
        if (request.Role == Role.LineDepartment && request.Department is null && request.UnitId is null || request.Department is { } given && !Enum.IsDefined(given))
            problems.Add(new Problem("department", "user.department", new LocalText("县直部门账号须指定所属部门或所属单位", "A line-department account needs its department or its unit")));
        if (request.CountyRecords && !Permissions.CanBeGrantedCountyRecords(request.Role))
            problems.Add(new Problem("countyRecords", "user.county_records", new LocalText("只有市州、省级账号可以授权查阅县级记录", "Only a prefecture's or province's account is granted counties' records")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        await using var db = database.Open();
        Guid? regionId = null;
        Guid countyId;
        Guid? townshipId, villageId;
        string areaName;
        Domain.Organisation.OrgUnit? unit = null;
        if (Permissions.IsRegional(request.Role))
        {
            // An account above the county is the province's to give, not a county's: created by the operator at a shell.
            if (database.Actor.Scope.Level != AreaLevel.Everything)
                throw new ForbiddenException(new LocalText("市州、省级账号由系统运维人员在命令行创建，县级管理员不能创建", "Prefecture and province accounts are created by the operator at a shell, not by a county administrator"));
            (regionId, areaName) = await ResolveRegionAsync(db, request.Role, request.Area, ct);
            (countyId, townshipId, villageId) = (Guid.Empty, null, null);
            if (request.UnitId is not null)
                throw Invalid("unitId", new LocalText("市州、省级账号不属于县的单位", "A prefecture or province account works for no unit of a county"));
        }
        else
        {
            (countyId, townshipId, villageId, areaName) = await ResolveAreaAsync(db, request.Role, request.Area, database.Actor.Scope, ct);
            unit = await AccountUnits.CheckAsync(db, request.UnitId, request.Role, request.Department, countyId, townshipId, villageId, ct);
        }
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = request.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.UserName.Trim() : request.DisplayName.Trim(),
            Role = request.Role,
            CountyId = countyId,
            TownshipId = townshipId,
            VillageId = villageId,
            RegionId = regionId,
            ReadsCountyRecords = request.CountyRecords,
            CreatedAt = database.Clock.GetUtcNow().UtcDateTime,
            MustChangePassword = request.Password is null,
            Department = request.Role == Role.LineDepartment ? request.Department ?? unit?.Department : null,
            UnitId = unit?.Id,
        };
        var password = request.Password ?? NewPassword();
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidRequestException(result.Errors.Select(e => AccountRules.Problem(e)).ToList());
        AccountChanges.Audit(db, user, new
        {
            userName = AccountChanges.Change(null, user.UserName), role = AccountChanges.Change(null, user.Role.ToString()), area = AccountChanges.Change(null, areaName),
            department = AccountChanges.Change(null, user.Department?.ToString()), unit = AccountChanges.Change(null, AccountChanges.Unit(unit)), password = AccountChanges.Change(null, request.Password is null ? "（生成：首次登录须修改）" : "***"),
            countyRecords = request.CountyRecords ? AccountChanges.Change(null, true) : null,
        }, "创建账号", Audit.AuditAction.Insert);
        await db.SaveChangesAsync(ct);
        return new Response(user.Id, user.UserName, request.Password is null ? password : null, areaName, unit?.Name);
    }

    internal static async Task<(Guid County, Guid? Township, Guid? Village, string Name)> ResolveAreaAsync(TuopinDb db, Role role, string? area, AreaScope creator, CancellationToken ct)
    {
        var text = area?.Trim();
        var level = Permissions.LevelOf(role);
        LocalText Wrong(string what) => new($"请为该角色指定{what}（代码或名称）", $"This role needs {what} (code or name)");
        switch (level)
        {
            case AreaLevel.Village:
            {
                if (string.IsNullOrEmpty(text)) throw Invalid("area", Wrong("所在村"));
                var villages = await db.Villages.AsNoTracking()
                    .Where(v => v.Code == text || v.Name == text || v.OfficialName == text || (v.Township!.Name + v.Name) == text || (v.Township!.Name + "/" + v.Name) == text)
                    .Select(v => new { v.Id, v.TownshipId, v.CountyId, Name = v.Township!.Name + v.Name })
                    .ToListAsync(ct);
                if (villages.Count != 1)
                    throw Invalid("area", villages.Count == 0 ? new LocalText($"没有找到村“{text}”", $"No village '{text}'") : new LocalText($"“{text}”对应多个村，请用12位代码", $"'{text}' names several villages; use the 12-digit code"));
                var v = villages[0];
                CheckCreator(creator, v.CountyId);
                return (v.CountyId, v.TownshipId, v.Id, v.Name);
            }
            case AreaLevel.Township:
            {
                if (string.IsNullOrEmpty(text)) throw Invalid("area", Wrong("所在乡镇"));
                var t = await db.Townships.AsNoTracking().Where(x => x.Code == text || x.Name == text).Select(x => new { x.Id, x.CountyId, x.Name }).FirstOrDefaultAsync(ct)
                    ?? throw Invalid("area", new LocalText($"没有找到乡镇“{text}”", $"No township '{text}'"));
                CheckCreator(creator, t.CountyId);
                return (t.CountyId, t.Id, null, t.Name);
            }
            default:
            {
                var counties = await db.Counties.AsNoTracking()
                    .Where(c => string.IsNullOrEmpty(text) || c.Code == text || c.Name == text)
                    .Select(c => new { c.Id, c.Name }).ToListAsync(ct);
                if (counties.Count == 1)
                {
                    CheckCreator(creator, counties[0].Id);
                    return (counties[0].Id, null, null, counties[0].Name);
                }
                if (counties.Count == 0 && string.IsNullOrEmpty(text))
                    return (Guid.Empty, null, null, "（尚未载入区划）");
                throw Invalid("area", counties.Count == 0 ? new LocalText($"没有找到县“{text}”", $"No county '{text}'") : new LocalText("数据库中有多个县，请指定县代码", "The database holds several counties; give the county code"));
            }
        }
    }

    /// <summary>The prefecture (by its code or name) of a prefecture's official, the province of a province's.</summary>
    private static async Task<(Guid Id, string Name)> ResolveRegionAsync(TuopinDb db, Role role, string? area, CancellationToken ct)
    {
        var text = area?.Trim();
        var prefecture = role == Role.PrefectureOfficial;
        if (string.IsNullOrEmpty(text))
            throw Invalid("area", prefecture ? new LocalText("请指定所在市州（代码或名称）", "This role needs its prefecture (code or name)") : new LocalText("请指定所在省（代码或名称）", "This role needs its province (code or name)"));
        var found = prefecture
            ? await db.Prefectures.AsNoTracking().Where(p => p.Code == text || p.Name == text).Select(p => new { p.Id, p.Name }).ToListAsync(ct)
            : await db.Provinces.AsNoTracking().Where(p => p.Code == text || p.Name == text).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        return found.Count == 1 ? (found[0].Id, found[0].Name)
            : throw Invalid("area", prefecture ? new LocalText($"没有找到市州“{text}”", $"No prefecture '{text}'") : new LocalText($"没有找到省“{text}”", $"No province '{text}'"));
    }

    private static void CheckCreator(AreaScope creator, Guid countyId)
    {
        if (creator.Level != AreaLevel.Everything && creator.CountyId != countyId)
            throw new ForbiddenException(new LocalText("只能为本县创建账号", "Accounts are created for your own county only"));
    }

    private static InvalidRequestException Invalid(string field, LocalText text) => new([new Problem(field, "user.area", text)]);

    /// <summary>14 characters, never ambiguous (no 0/O, 1/l/I), always with a digit and both cases.</summary>
    public static string NewPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[14];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}

public static class AccountRules
{
    /// <summary>Identity's refusal as a problem of the field it is about, in plain words.</summary>
    public static Problem Problem(IdentityError e, string passwordField = "password") =>
        new(e.Code.Contains("Password", StringComparison.Ordinal) ? passwordField : "userName", "user." + e.Code, Describe(e));

    public static LocalText Describe(IdentityError e) => e.Code switch
    {
        "DuplicateUserName" => new LocalText("该登录名已被使用", "That user name is taken"),
        "PasswordTooShort" => new LocalText($"密码至少{PasswordLength}位", $"A password has at least {PasswordLength} characters"),
        "PasswordRequiresDigit" => new LocalText("密码须包含数字", "A password needs a digit"),
        "PasswordRequiresLower" => new LocalText("密码须包含小写字母", "A password needs a lower-case letter"),
        "PasswordRequiresUpper" => new LocalText("密码须包含大写字母", "A password needs an upper-case letter"),
        "PasswordMismatch" => new LocalText("当前密码不正确", "The current password is wrong"),
        _ => new LocalText(e.Description, e.Description),
    };

    public const int PasswordLength = 10;

    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = PasswordLength;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
        options.User.AllowedUserNameCharacters = string.Empty; // Chinese user names are allowed
    }
}
