using Tuopin.Application.Accounts;

namespace Tuopin.Web.Accounts;

/// <summary>
/// The names behind the logins a page shows, loaded once for the circuit (or request) on first use and
/// shared by every <c>PersonName</c> on it: one query however many names a page lists.
/// </summary>
public sealed class PersonNames(ListShownNames list)
{
    private Task<IReadOnlyDictionary<string, string>>? _names;

    public async Task<string> NameAsync(string login)
    {
        _names ??= list.HandleAsync();
        var names = await _names;
        return names.TryGetValue(login, out var name) ? name : login;
    }
}
