using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Audit;

/// <summary>
/// Checks the audit chain end to end (<see cref="AuditChain.VerifyAsync"/>): intact, or where it breaks.
/// For the county administrator, the inspectors and the database's operator. The chain is one for the whole database; a
/// county's reader is told of a changed entry of another county where it is, not whose it is or what it held (AuditCounties).
/// </summary>
public sealed class VerifyAudit(Database database)
{
    public async Task<AuditChain.Verification> HandleAsync(CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role is not (Role.CountyAdmin or Role.Inspector) || actor.Scope.Level is not (AreaLevel.County or AreaLevel.Everything))
            throw new ForbiddenException(new LocalText("审计链由县扶贫办或督查人员核验", "The county office or the inspectors verify the audit"));
        await using var db = database.Open();
        var result = await AuditChain.VerifyAsync(db, ct);
        var reader = await AuditCounties.ReaderAsync(db, ct);
        return reader.All ? result : result with { Breaks = [.. result.Breaks.Select(b => reader.Sees(b.CountyId) ? b : b.OfAnotherCounty())] };
    }
}
