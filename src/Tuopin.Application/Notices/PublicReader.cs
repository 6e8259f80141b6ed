using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;

namespace Tuopin.Application.Notices;

/// <summary>
/// The one door the public comes in by: a context for a reader who has not signed in. It reads the whole county (a
/// deployment holds one) but may change nothing except raise an objection (the save-time guard allows that one insert
/// and nothing else), and every use case behind it returns only what a notice may print.
/// </summary>
public static class PublicReader
{
    public const string Name = "公众";

    public static Actor Actor(string? client) => new(null, Name, Role.Inspector, AreaScope.Everything) { Client = client };

    public static bool IsPublic(Actor actor) => actor.UserId is null && actor.UserName == Name && actor.Role == Role.Inspector;

    public static TuopinDb Open(TuopinDbFactory factory, string? client) => factory.Create(Actor(client));
}
