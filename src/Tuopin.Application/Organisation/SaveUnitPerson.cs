using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Organisation;

namespace Tuopin.Application.Organisation;

/// <summary>Adds a person to a unit with their position, or changes one (with the version the user saw); the county administrator's.</summary>
public sealed class SaveUnitPerson(Database database)
{
    public sealed record Fields(string Name, string Position, bool IsLeader = false, bool IsFirstResponsible = false, int Order = 0);

    public sealed record Request(Guid UnitId, Fields Person, Guid? Id = null, int? Version = null, string? Reason = null);

    public sealed record Saved(Guid Id, int Version, bool Created);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        OrganisationAccess.RequireWriter(actor);
        var problems = OrganisationRules.CheckPerson(request.Person.Name, request.Person.Position);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        await using var db = database.Open();
        var unit = await OrganisationAccess.Visible(db, actor).AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UnitId, ct) ?? throw OrganisationAccess.UnitNotFound();
        UnitPerson person;
        var created = request.Id is null;
        if (request.Id is { } id)
        {
            person = await db.UnitPeople.FirstOrDefaultAsync(p => p.Id == id && p.UnitId == unit.Id, ct)
                ?? throw new NotFoundException(new LocalText("该单位没有这个人", "No such person in this unit"));
            if (request.Version != person.Version)
                throw new ConflictException(new LocalText("该人员信息已被他人修改，请重新打开后再保存", "Someone else changed this person; reopen and save again"));
            db.Entry(person).Property(p => p.Version).OriginalValue = person.Version;
            person.Version++;
        }
        else
        {
            person = new UnitPerson { Id = Guid.CreateVersion7(), UnitId = unit.Id, CountyId = unit.CountyId, Name = string.Empty, Position = string.Empty, Version = 1 };
            db.UnitPeople.Add(person);
        }
        person.Name = request.Person.Name.Trim();
        person.Position = request.Person.Position.Trim();
        person.IsLeader = request.Person.IsLeader;
        person.IsFirstResponsible = request.Person.IsFirstResponsible;
        person.Order = request.Person.Order;
        person.UpdatedAt = database.Clock.GetUtcNow().UtcDateTime;
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText("该人员信息刚被他人保存，请重新打开后再保存", "Someone else saved this person just now; reopen and save again"));
        }
        return new Saved(person.Id, person.Version, created);
    }
}
