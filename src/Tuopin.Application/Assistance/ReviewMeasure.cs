using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// A township or county officer marks a measure as reviewed (审核): they checked it against the household and its
/// papers. A change to the measure afterwards clears the mark (see <see cref="RecordMeasure"/>).
/// </summary>
public sealed class ReviewMeasure(Database database)
{
    public sealed record Request(Guid MeasureId, int Version);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        AssistanceAccess.RequireReviewer(actor);
        await using var db = database.Open();
        var measure = await db.Measures.FirstOrDefaultAsync(m => m.Id == request.MeasureId, ct)
            ?? throw new NotFoundException(new LocalText("找不到该帮扶措施", "No such measure"));
        if (request.Version != measure.Version)
            throw new ConflictException(new LocalText("该措施已被修改，请重新打开后再审核", "The measure was changed; reopen it and review again"));
        db.Entry(measure).Property(m => m.Version).OriginalValue = measure.Version;
        measure.Version++;
        measure.ReviewedBy = actor.UserName;
        measure.ReviewedAt = database.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return measure.Version;
    }
}
