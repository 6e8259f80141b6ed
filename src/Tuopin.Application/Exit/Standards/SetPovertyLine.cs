using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Exit;

/// <summary>
/// Sets the national poverty line of a year (e.g. 2017, 2018, which the reference leaves to the
/// administrator). Only a county administrator may; the change is audited with the old and new amount.
/// </summary>
public sealed class SetPovertyLine(Database database)
{
    public sealed record Request(int Year, decimal Amount, string Source);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        if (database.Actor.Role != Role.CountyAdmin)
            throw new ForbiddenException(new LocalText("只有县级管理员可以设置扶贫标准", "Only a county administrator may set the poverty line"));
        var problems = new List<Problem>();
        if (request.Year is < 2000 or > 2100)
            problems.Add(new Problem("year", "poverty_line.year", new LocalText($"年度“{request.Year}”不合理", $"The year {request.Year} is not plausible")));
        if (request.Amount is <= 0 or > 100_000 || decimal.Round(request.Amount, 2) != request.Amount)
            problems.Add(new Problem("amount", "poverty_line.amount", new LocalText(
                $"扶贫标准应为大于0、不超过100,000的金额（元，最多两位小数），填写的是{request.Amount.ToString(CultureInfo.InvariantCulture)}",
                $"The line must be an amount above 0 and at most 100,000 yuan with at most two decimals, not {request.Amount.ToString(CultureInfo.InvariantCulture)}")));
        if (string.IsNullOrWhiteSpace(request.Source))
            problems.Add(new Problem("source", "poverty_line.source", new LocalText("请填写标准的出处（文件或公告）", "Say where the line comes from (document or notice)")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        await using var db = database.Open();
        var amount = Money.FromYuan(request.Amount);
        var line = await db.PovertyLines.FirstOrDefaultAsync(l => l.Year == request.Year, ct);
        var old = line?.Amount;
        if (line is null) db.PovertyLines.Add(new PovertyLine { Year = request.Year, Amount = amount, Source = request.Source.Trim() });
        else { line.Amount = amount; line.Source = request.Source.Trim(); }
        // Poverty lines are keyed by year, not by a GUID, so their audit entry is written here.
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            At = database.Clock.GetUtcNow().UtcDateTime,
            UserId = db.Actor.UserId,
            UserName = db.Actor.UserName,
            Action = old is null ? AuditAction.Insert : AuditAction.Update,
            EntityType = nameof(PovertyLine),
            EntityId = YearKey(request.Year),
            Changes = string.Create(CultureInfo.InvariantCulture,
                $"{{\"year\":{{\"old\":{(old is null ? "null" : request.Year.ToString(CultureInfo.InvariantCulture))},\"new\":{request.Year}}},\"amount\":{{\"old\":{(old is null ? "null" : old.Value.Yuan.ToString(CultureInfo.InvariantCulture))},\"new\":{amount.Yuan}}}}}"),
            Reason = request.Source.Trim(),
            CorrelationId = Guid.CreateVersion7(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The audit trail's id for a year's line: the year in the GUID's first field.</summary>
    public static Guid YearKey(int year) => new(year, 0, 0, new byte[8]);
}
