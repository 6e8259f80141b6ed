using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Organisation;

/// <summary>Takes a person off a unit (with the version the user saw and a reason); the audit keeps who they were.</summary>
public sealed class RemoveUnitPerson(Database database)
{
    public sealed record Request(Guid UnitId, Guid Id, int Version, string? Reason = null);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        OrganisationAccess.RequireWriter(actor);
        await using var db = database.Open();
        var unit = await OrganisationAccess.Visible(db, actor).AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UnitId, ct) ?? throw OrganisationAccess.UnitNotFound();
        var person = await db.UnitPeople.FirstOrDefaultAsync(p => p.Id == request.Id && p.UnitId == unit.Id, ct)
            ?? throw new NotFoundException(new LocalText("该单位没有这个人", "No such person in this unit"));
        if (request.Version != person.Version)
            throw new ConflictException(new LocalText("该人员信息已被他人修改，请重新打开后再操作", "Someone else changed this person; reopen and try again"));
        db.Entry(person).Property(p => p.Version).OriginalValue = person.Version;
        db.UnitPeople.Remove(person);
        db.ChangeReason = request.Reason;
        await db.SaveChangesAsync(ct);
    }
}
