using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>The county administrator saves the county's exit standards; every change is audited.</summary>
public sealed class UpdateExitStandards(Database database)
{
    public async Task HandleAsync(ExitStandards values, string? reason = null, CancellationToken ct = default)
    {
        if (database.Actor.Role != Role.CountyAdmin || database.Actor.Scope.Level is not (AreaLevel.County or AreaLevel.Everything))
            throw new ForbiddenException(new LocalText("只有县级管理员可以修改退出标准", "Only a county administrator may change the exit standards"));
        var problems = values.Check();
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        await using var db = database.Open();
        var county = await ExitStandardsStore.CountyAsync(db, values.CountyId == Guid.Empty ? null : values.CountyId, ct);
        var stored = await db.ExitStandards.FirstOrDefaultAsync(s => s.CountyId == county.Id, ct);
        if (stored is null)
        {
            stored = new ExitStandards { Id = Guid.CreateVersion7(), CountyId = county.Id };
            db.ExitStandards.Add(stored);
        }
        values.Id = stored.Id;
        values.CountyId = county.Id;
        db.Entry(stored).CurrentValues.SetValues(values);
        stored.RequiredVillageConditions = string.Join(",", values.RequiredConditions().Distinct());
        db.ChangeReason = reason;
        await db.SaveChangesAsync(ct);
    }
}
