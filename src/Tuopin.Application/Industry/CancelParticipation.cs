using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Industry;

/// <summary>
/// Cancels a participation recorded in error or abandoned (with the version the user saw and a reason): it no longer
/// counts in the industry's actuals, and its measure in the household's plan is cancelled in the same save.
/// </summary>
public sealed class CancelParticipation(Database database)
{
    public sealed record Request(Guid Id, int Version, string Reason);

    public sealed record Saved(Guid Id, int Version);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        IndustryAccess.RequireRecorder(actor);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 500)
            throw new InvalidRequestException([new Problem("reason", "participation.reason", new LocalText("请填写取消原因（不超过500字）", "Give the reason for cancelling (at most 500 characters)"))]);
        await using var db = database.Open();
        var participation = await db.IndustryParticipations.FirstOrDefaultAsync(p => p.Id == request.Id, ct) ?? throw IndustryAccess.ParticipationNotFound();
        if (request.Version != participation.Version)
            throw new ConflictException(new LocalText("该记录已被他人修改，请重新打开后再保存", "Someone else changed this record; reopen and save again"));
        if (!participation.Counts)
            throw new ConflictException(new LocalText("该记录已取消", "This record is already cancelled"));
        var measure = await db.Measures.FirstAsync(m => m.Id == participation.MeasureId, ct);
        var now = database.Clock.GetUtcNow();
        db.Entry(participation).Property(p => p.Version).OriginalValue = participation.Version;
        participation.Version++;
        participation.CancelledOn = database.Clock.Today();
        participation.CancelReason = request.Reason.Trim();
        participation.UpdatedAt = now.UtcDateTime;
        db.Entry(measure).Property(m => m.Version).OriginalValue = measure.Version;
        measure.Version++;
        measure.Status = MeasureStatus.Cancelled;
        measure.DoneOn = null;
        measure.EffectIncome = null;
        measure.EffectNote = null;
        measure.UpdatedAt = now.UtcDateTime;
        db.ChangeReason = request.Reason.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该记录刚被他人保存，请重新打开后再保存", "Someone else saved this record just now; reopen and save again"));
        }
        return new Saved(participation.Id, participation.Version);
    }
}
