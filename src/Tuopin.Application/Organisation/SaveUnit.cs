using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Organisation;

namespace Tuopin.Application.Organisation;

/// <summary>
/// Adds a unit to the county's organisation, or changes one (with the version the user saw): its kind, name and
/// aliases, the unit it sits under, its township or village, the department code its line-department accounts carry,
/// its duty. The county administrator's. When a unit changes its kind, name, aliases or place, the accounts that work for
/// it or for a unit under it sign in again (audited), since whether they work for the discipline group follows from these.
/// </summary>
public sealed class SaveUnit(Database database, Accounts.AccountSessions sessions)
{
    public sealed record Fields(UnitKind Kind, string Name, string? Aliases = null, Guid? ParentId = null, Guid? TownshipId = null, Guid? VillageId = null,
        Department? Department = null, string? Duty = null, int Order = 0);

    public sealed record Request(Fields Unit, Guid? Id = null, int? Version = null, string? Reason = null);

    public sealed record Saved(Guid Id, int Version, bool Created);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        OrganisationAccess.RequireWriter(actor);
        var f = request.Unit;
        await using var db = database.Open();
        var countyId = await OrganisationAccess.CountyIdAsync(db, actor, ct);
        var parent = f.ParentId is { } pid ? await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == pid && u.CountyId == countyId, ct) : null;
        var problems = OrganisationRules.Check(f.Kind, f.Name, parent?.Kind, f.TownshipId is not null, f.VillageId is not null);
        if (f.ParentId is not null && parent is null) problems.Add(new Problem("parentId", "unit.parent", new LocalText("找不到所选的上级单位", "No such unit above")));
        if (f.ParentId is { } self && self == request.Id) problems.Add(new Problem("parentId", "unit.parent", new LocalText("单位不能隶属于自己", "A unit cannot sit under itself")));
        if (f.Department is { } d && (!Enum.IsDefined(d) || f.Kind != UnitKind.Department))
            problems.Add(new Problem("department", "unit.department", new LocalText("只有县直部门可以对应部门账号的部门", "Only a county department carries a department code")));
        if (f.Aliases is { Length: > 300 }) problems.Add(new Problem("aliases", "unit.aliases", new LocalText("别名不能超过300个字", "Aliases have at most 300 characters")));
        if (f.Duty is { Length: > 500 }) problems.Add(new Problem("duty", "unit.duty", new LocalText("职责不能超过500个字", "A duty has at most 500 characters")));
        if (f.TownshipId is { } tid && !await db.Townships.AnyAsync(t => t.Id == tid && t.CountyId == countyId, ct))
            problems.Add(new Problem("townshipId", "unit.township", new LocalText("找不到所选的乡镇", "No such township")));
        if (f.VillageId is { } vid && !await db.Villages.AnyAsync(v => v.Id == vid && v.CountyId == countyId && v.TownshipId == f.TownshipId, ct))
            problems.Add(new Problem("villageId", "unit.village", new LocalText("所选的村不在所选的乡镇", "The village is not in the township chosen")));
        if (f.Kind == UnitKind.TownshipOffice && f.TownshipId is { } office
            && await db.OrgUnits.AnyAsync(u => u.CountyId == countyId && u.Kind == UnitKind.TownshipOffice && u.TownshipId == office && u.Id != request.Id, ct))
            problems.Add(new Problem("townshipId", "unit.township_taken", new LocalText("该乡镇已有扶贫开发办", "This township already has its office")));
        if (f.Kind == UnitKind.VillageTeam && f.VillageId is { } team
            && await db.OrgUnits.AnyAsync(u => u.CountyId == countyId && u.Kind == UnitKind.VillageTeam && u.VillageId == team && u.Id != request.Id, ct))
            problems.Add(new Problem("villageId", "unit.village_taken", new LocalText("该村已有村级责任单位", "This village already has its team")));
        if (f.Department is { } dep && f.Kind == UnitKind.Department
            && await db.OrgUnits.AnyAsync(u => u.CountyId == countyId && u.Department == dep && u.Id != request.Id, ct))
            problems.Add(new Problem("department", "unit.department_taken", new LocalText($"已有单位对应“{Departments.Name(dep).Zh}”", $"Another unit already carries \"{Departments.Name(dep).En}\"")));
        var name = f.Name?.Trim() ?? string.Empty;
        if (name.Length > 0 && await db.OrgUnits.AnyAsync(u => u.CountyId == countyId && u.Name == name && u.Id != request.Id, ct))
            problems.Add(new Problem("name", "unit.name_taken", new LocalText($"本县已有名为“{name}”的单位", $"A unit named \"{name}\" already exists")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        OrgUnit unit;
        var created = request.Id is null;
        (UnitKind Kind, string Name, string? Aliases, Guid? ParentId)? before = null;
        if (request.Id is { } id)
        {
            unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id && u.CountyId == countyId, ct) ?? throw OrganisationAccess.UnitNotFound();
            if (request.Version != unit.Version)
                throw new ConflictException(new LocalText("该单位已被他人修改，请重新打开后再保存", "Someone else changed this unit; reopen and save again"));
            db.Entry(unit).Property(u => u.Version).OriginalValue = unit.Version;
            before = (unit.Kind, unit.Name, unit.Aliases, unit.ParentId);
            unit.Version++;
        }
        else
        {
            unit = new OrgUnit { Id = Guid.CreateVersion7(), CountyId = countyId, Name = string.Empty, Version = 1 };
            db.OrgUnits.Add(unit);
        }
        unit.Kind = f.Kind;
        unit.Name = name;
        unit.Aliases = Clean(f.Aliases);
        unit.ParentId = f.ParentId;
        unit.TownshipId = f.TownshipId;
        unit.VillageId = f.VillageId;
        unit.Department = f.Department;
        unit.Duty = Clean(f.Duty);
        unit.Order = f.Order;
        unit.UpdatedAt = database.Clock.GetUtcNow().UtcDateTime;
        db.ChangeReason = request.Reason;
        var signedOut = new List<Guid>();
        if (before is { } was && was != (unit.Kind, unit.Name, unit.Aliases, unit.ParentId))
        {
            // The rights an account draws from its unit (the discipline group's) were read at sign-in: they are read again.
            var unitId = unit.Id;
            var accounts = await db.Users.Where(x => x.UnitId == unitId || db.OrgUnits.Any(m => m.ParentId == unitId && m.Id == x.UnitId)).ToListAsync(ct);
            foreach (var account in accounts)
            {
                Accounts.AccountChanges.EndSessions(account);
                Accounts.AccountChanges.Audit(db, account, new { unit = Accounts.AccountChanges.Change(new { was.Name, was.ParentId }, new { unit.Name, unit.ParentId }) },
                    $"所属单位（{unit.Name}）的组织关系调整，须重新登录");
                signedOut.Add(account.Id);
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText("该单位刚被他人保存，请重新打开后再保存", "Someone else saved this unit just now; reopen and save again"));
        }
        foreach (var account in signedOut) sessions.Forget(account);
        return new Saved(unit.Id, unit.Version, created);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
