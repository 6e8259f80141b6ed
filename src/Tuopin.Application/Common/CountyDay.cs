namespace Tuopin.Application.Common;

/// <summary>
/// The county's day: the date on the clock the system runs on (in the server's time zone, which is the county's). Every
/// "today" — a deadline judged, a default date on a form, a period of notice — is read here, from the injected
/// <see cref="TimeProvider"/>, so that a test or the demo can set the day and no rule reads the machine's clock itself.
/// </summary>
public static class CountyDay
{
    /// <summary>Today, as the county counts days.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
