using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Registers a cadre in the county's roster (帮扶责任人名册), or corrects one (with the version the user saw). The
/// county and township offices keep the roster; the phone is stored encrypted.
/// </summary>
public sealed class RegisterCadre(Database database)
{
    public sealed record Request(string Name, string WorkUnit, string? Position = null, string? Phone = null, Guid? Id = null, int? Version = null);

    public sealed record Saved(Guid Id, int Version, bool Created);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role is not (Role.CountyAdmin or Role.TownshipOfficer))
            throw new ForbiddenException(new LocalText("只有县、乡镇扶贫办可以登记帮扶责任人", "Only the county and township offices register cadres"));
        var problems = new List<Problem>();
        var name = request.Name?.Trim() ?? string.Empty;
        var unit = request.WorkUnit?.Trim() ?? string.Empty;
        if (name.Length == 0) problems.Add(new Problem("name", "cadre.name", new LocalText("请填写帮扶责任人姓名", "Enter the cadre's name")));
        else if (name.Length > 50) problems.Add(new Problem("name", "cadre.name", new LocalText("姓名不能超过50个字", "A name has at most 50 characters")));
        if (unit.Length == 0) problems.Add(new Problem("workUnit", "cadre.work_unit", new LocalText("请填写工作单位", "Enter the work unit")));
        else if (unit.Length > 100) problems.Add(new Problem("workUnit", "cadre.work_unit", new LocalText("工作单位不能超过100个字", "A work unit has at most 100 characters")));
        if (request.Position is { Length: > 50 }) problems.Add(new Problem("position", "cadre.position", new LocalText("职务不能超过50个字", "A position has at most 50 characters")));
        var phoneProblems = new List<Problem>();
        RegistryMapping.CheckPhone(request.Phone, phoneProblems);
        problems.AddRange(phoneProblems.Select(p => p with { Message = new LocalText("联系电话只能包含数字，长度7至20位", "A phone number has 7 to 20 digits") }));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        await using var db = database.Open();
        Cadre cadre;
        var created = request.Id is null;
        if (request.Id is { } id)
        {
            cadre = await AssistanceAccess.CadreInCountyAsync(db, actor, id, ct);
            if (request.Version != cadre.Version)
                throw new ConflictException(new LocalText("该帮扶责任人的信息已被他人修改，请重新打开后再保存", "Someone else changed this cadre; reopen and save again"));
            db.Entry(cadre).Property(c => c.Version).OriginalValue = cadre.Version;
            cadre.Version++;
        }
        else
        {
            if (actor.Scope.CountyId == Guid.Empty)
                throw new ForbiddenException(new LocalText("请以县或乡镇账号登记帮扶责任人", "Register cadres with a county or township account"));
            cadre = new Cadre { Id = Guid.CreateVersion7(), CountyId = actor.Scope.CountyId, Name = name, WorkUnit = unit, Version = 1 };
            db.Cadres.Add(cadre);
        }
        cadre.Name = name;
        cadre.WorkUnit = unit;
        cadre.Position = string.IsNullOrWhiteSpace(request.Position) ? null : request.Position.Trim();
        var phone = RegistryMapping.NormalisePhone(request.Phone);
        var currentPhone = cadre.PhoneCipher is null ? null : database.Protector.Unprotect(cadre.PhoneCipher);
        if (phone != currentPhone) cadre.PhoneCipher = phone is null ? null : database.Protector.Protect(phone);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText("该帮扶责任人的信息刚被他人保存，请重新打开后再保存", "Someone else saved this cadre just now; reopen and save again"));
        }
        return new Saved(cadre.Id, cadre.Version, created);
    }
}
