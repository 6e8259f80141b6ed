using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Storage;

/// <summary>
/// A save that lost a race — two officials recording the same step, proposal or record at once — is
/// refused by a unique index or a row version. Every save turns that into a 409 with a plain reason
/// instead of an error page; use cases that can say more catch <see cref="ConflictException"/> and
/// look at <see cref="Exception.InnerException"/>.
/// </summary>
public static class SaveConflicts
{
    public static readonly LocalText Generic = new(
        "保存未成功：同一记录刚被他人同时保存或修改，请刷新后查看，必要时重做",
        "Not saved: someone saved or changed the same record at the same moment; reload to see it, and redo the change if it is still needed");

    /// <summary>Whether the exception is a refusal by a unique index or primary key (SQLite 19/UNIQUE, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(Exception? e) =>
        e is DbUpdateException { InnerException: var inner } && (
            inner is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } s && (s.Message.Contains("UNIQUE", StringComparison.Ordinal) || s.Message.Contains("PRIMARY KEY", StringComparison.Ordinal))
            || inner is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation });

    /// <summary>Whether the exception is a lost race: a stale row version, or a unique violation.</summary>
    public static bool IsLostRace(Exception e) => e is DbUpdateConcurrencyException || IsUniqueViolation(e);

    public static ConflictException ToConflict(DbUpdateException e) => new(Generic, e);
}
