namespace Tuopin.Web.Accounts;

/// <summary>
/// Where the app may send a browser back to after signing in or switching language: a path of this
/// site only. Browsers read <c>/\evil.example</c> like <c>//evil.example</c> (another site), so a
/// backslash, a scheme-relative start or a control character is refused, as ASP.NET's IsLocalUrl does.
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return false;
        if (url.Length == 1) return true;
        if (url[1] is '/' or '\\') return false;
        foreach (var c in url)
            if (char.IsControl(c) || c == '\\') return false;
        return true;
    }

    /// <summary>The page a role starts on: the county overview, or the roll-up for prefecture and province officials, who read no county page.</summary>
    public static string Home(Domain.Accounts.Role role) => Domain.Accounts.Permissions.CanReadRegistry(role) ? "/" : "/rollup";

    /// <summary>The url if it is local, else the fallback.</summary>
    public static string OrDefault(string? url, string fallback = "/") => IsLocal(url) ? url! : fallback;
}
