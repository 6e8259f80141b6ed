using System.Globalization;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Plan;

/// <summary>
/// Sets the county's working year (工作年度). Only a county administrator may; the change is audited with
/// the old and new year, and every page defaults to the new year from its next load.
/// </summary>
public sealed class SetWorkingYear(Database database)
{
    public const int FirstYear = WorkYear.FirstYear, LastYear = 2100;

    public sealed record Request(int Year);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        if (database.Actor.Role != Role.CountyAdmin)
            throw new ForbiddenException(new LocalText("只有县级管理员可以设置工作年度", "Only a county administrator may set the working year"));
        if (request.Year is < FirstYear or > LastYear)
            throw new InvalidRequestException([new Problem("year", "working_year.range", new LocalText(
                $"工作年度应在 {FirstYear} 至 {LastYear} 年之间，填写的是 {request.Year}",
                $"The working year must be between {FirstYear} and {LastYear}, not {request.Year}"))]);

        await using var db = database.Open();
        var old = await WorkYear.StoredAsync(db, ct);
        if (old == request.Year) return;
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            At = database.Clock.GetUtcNow().UtcDateTime,
            UserId = db.Actor.UserId,
            UserName = db.Actor.UserName,
            Action = old is null ? AuditAction.Insert : AuditAction.Update,
            EntityType = AuditType,
            EntityId = Guid.Empty,
            Changes = string.Create(CultureInfo.InvariantCulture,
                $"{{\"workYear\":{{\"old\":{(old is null ? "null" : old.Value.ToString(CultureInfo.InvariantCulture))},\"new\":{request.Year}}}}}"),
            CorrelationId = Guid.CreateVersion7(),
        });
        await WorkYear.SetAsync(db, request.Year, ct);
    }

    /// <summary>The audit trail's entity type for the working year (one setting, so its id is empty).</summary>
    public const string AuditType = "WorkingYear";
}
