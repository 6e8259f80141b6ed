using Tuopin.Application.Common;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Plan;

/// <summary>
/// The county's working year (工作年度): every page's default year. <c>Set</c> says whether the county
/// chose it; without a choice it is the calendar year, which the administrator's overview reports.
/// </summary>
public sealed class GetWorkingYear(Database database)
{
    public sealed record Result(int Year, bool Set, IReadOnlyList<int> Years);

    // Not cached: a Blazor circuit keeps its scoped services for the whole session, and the year can change.
    public async Task<Result> HandleAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var stored = await WorkYear.StoredAsync(db, ct);
        var year = stored ?? database.Clock.GetLocalNow().Year;
        return new Result(year, stored is not null, WorkYear.Years(year));
    }
}
