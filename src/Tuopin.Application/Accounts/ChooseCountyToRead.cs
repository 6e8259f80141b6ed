using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Accounts;

/// <summary>
/// A granted official of a prefecture or province (市州、省扶贫办) chooses, from their roll-up, the one county of their area
/// whose records they read next — masked and read-only, as the county's inspector reads them (ADR 0016). Checked against the
/// account and the county as they are now (the grant, the region, the county's place), not against the session; the host
/// then carries the choice in the session, and checks it again on every request (<see cref="AccountSessions.MayReadCountyAsync"/>).
/// Each choice is an entry of the audit log (who read which county's records, from where).
/// </summary>
public sealed class ChooseCountyToRead(Database database, Audit.AccessLog log)
{
    /// <param name="County">The county's GB/T 2260 code (6 digits) or its id.</param>
    public sealed record Request(string County);

    public sealed record Response(Guid CountyId, string Code, string Name);

    public async Task<Response> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.UserId is not { } userId || !Permissions.CanBeGrantedCountyRecords(actor.OwnRole))
            throw NotGranted();
        await using var db = database.Open();
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Role, u.RegionId, u.ReadsCountyRecords, u.DisabledAt }).FirstOrDefaultAsync(ct);
        if (account is null || account.DisabledAt is not null || !account.ReadsCountyRecords || account.Role != actor.OwnRole)
            throw NotGranted();
        var text = request.County?.Trim() ?? string.Empty;
        var byId = Guid.TryParse(text, out var id);
        var county = await (from c in db.Counties.AsNoTracking()
                            where byId ? c.Id == id : c.Code == text
                            join p in db.Prefectures.AsNoTracking() on c.PrefectureId equals p.Id into ps
                            from p in ps.DefaultIfEmpty()
                            select new { c.Id, c.Code, c.Name, c.PrefectureId, ProvinceId = p == null ? (Guid?)null : p.ProvinceId })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(new LocalText($"没有代码为 {text} 的县", $"No county has the code {text}"));
        if (!Permissions.CanReadCountyRecords(account.Role, account.RegionId, account.ReadsCountyRecords, county.PrefectureId, county.ProvinceId))
            throw new ForbiddenException(new LocalText($"{county.Name}不在本辖区内，不能查阅其记录", $"{county.Name} is outside your area; its records are not yours to read"));
        await log.CountyReadAsync(actor, county.Id, new { county = county.Code, name = county.Name, masked = true, readOnly = true }, ct);
        return new Response(county.Id, county.Code, county.Name);
    }

    private static ForbiddenException NotGranted() => new(new LocalText(
        "只有获授权的市州、省级账号可以查阅辖区县级记录（授权由系统运维人员在命令行授予）",
        "Only a prefecture's or province's account granted by the operator reads the records of its counties"));
}
