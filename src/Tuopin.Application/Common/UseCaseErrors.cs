using Tuopin.Domain.Common;

namespace Tuopin.Application.Common;

/// <summary>A request a use case refuses. The web layer turns each kind into its HTTP status.</summary>
public abstract class UseCaseException(LocalText message, Exception? inner = null) : Exception(message.Zh, inner)
{
    public LocalText Text { get; } = message;
}

/// <summary>The input is wrong; nothing was stored. 400.</summary>
public sealed class InvalidRequestException(IReadOnlyList<Problem> problems)
    : UseCaseException(new LocalText(string.Join("；", problems.Select(p => p.Message.Zh)), string.Join("; ", problems.Select(p => p.Message.En))))
{
    public IReadOnlyList<Problem> Problems { get; } = problems;
}

/// <summary>No such record in the user's area. 404: a record outside the area looks exactly like a missing one.</summary>
public sealed class NotFoundException(LocalText what) : UseCaseException(what);

/// <summary>The user's role may not do this. 403.</summary>
public sealed class ForbiddenException(LocalText why) : UseCaseException(why);

/// <summary>Someone else changed the record first. 409.</summary>
public sealed class ConflictException(LocalText why, Exception? inner = null) : UseCaseException(why, inner)
{
    /// <summary>A save lost a race: a unique index or a row version refused it (see <see cref="Storage.SaveConflicts"/>).</summary>
    public bool LostRace => InnerException is Microsoft.EntityFrameworkCore.DbUpdateException;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
