using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Accounts;

/// <summary>
/// Grants a prefecture's or a province's official (市州、省扶贫办) the reading of the records of the counties of their area —
/// one county at a time, chosen from their roll-up, masked and read-only (ADR 0016) — or takes it back. The operator's alone,
/// at a shell, as the account itself was made (<see cref="CreateUser"/>): a county administrator does not hand out a
/// province's rights. Audited as every account change; the account's sessions end, so that the change holds from its next
/// request (a county being read on the old grant is closed at once).
/// </summary>
public sealed class GrantCountyRecords(Database database, AccountSessions sessions)
{
    /// <param name="User">The account's login name or id.</param>
    /// <param name="Grant">True to grant, false to take the grant back.</param>
    /// <param name="Reason">Why (kept in the audit).</param>
    public sealed record Request(string User, bool Grant, string? Reason = null);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        if (database.Actor.Scope.Level != AreaLevel.Everything || database.Actor.UserId is not null)
            throw new ForbiddenException(new LocalText("查阅县级记录的授权由系统运维人员在命令行授予，县级管理员不能授予", "The grant to read counties' records is given by the operator at a shell, not by a county administrator"));
        await using var db = database.Open();
        var user = await AccountChanges.FindAsync(db, database.Actor, request.User, ct);
        if (!Permissions.CanBeGrantedCountyRecords(user.Role))
            throw new InvalidRequestException([new Problem("user", "user.county_records", new LocalText(
                $"只有市州、省级账号可以授权查阅县级记录；“{user.UserName}”是县内账号", $"Only a prefecture's or province's account is granted counties' records; '{user.UserName}' is a county's account"))]);
        if (user.ReadsCountyRecords == request.Grant)
            throw new InvalidRequestException([new Problem("user", "user.unchanged", request.Grant
                ? new LocalText($"账号“{user.UserName}”已有查阅县级记录的授权", $"The account '{user.UserName}' already reads counties' records")
                : new LocalText($"账号“{user.UserName}”没有查阅县级记录的授权", $"The account '{user.UserName}' has no grant to read counties' records"))]);
        user.ReadsCountyRecords = request.Grant;
        AccountChanges.EndSessions(user);
        AccountChanges.Audit(db, user, new { countyRecords = AccountChanges.Change(!request.Grant, request.Grant) },
            request.Reason ?? (request.Grant ? "授权查阅辖区县级记录（只读、个人信息脱敏）" : "收回查阅县级记录的授权"));
        await db.SaveChangesAsync(ct);
        sessions.Forget(user.Id);
    }
}
