using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>
/// The overdue loans of the user's area as of a day (逾期贷款清单): outstanding loans past their due day, longest overdue
/// first, with the days overdue and the principal owed. One query: an outstanding loan always owes principal (the
/// repayment that clears it closes the loan), so the list is the outstanding loans due before the day.
/// </summary>
public sealed class ListOverdueLoans(Database database)
{
    public sealed record Request(DateOnly? AsOf = null, Guid? TownshipId = null, Guid? VillageId = null, int Limit = 1_000);

    public sealed record Result(DateOnly AsOf, int Count, decimal Owed, IReadOnlyList<ListLoans.Row> Loans);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var asOf = await CreditAccess.AsOfAsync(db, database.Clock, request.AsOf, ct);
        var overdue = ListLoans.Filter(db.Loans.AsNoTracking(), request.TownshipId, request.VillageId)
            .Where(l => l.Status == LoanStatus.Outstanding && l.DueOn < asOf);
        // The count and what is owed over all of them from two narrow columns; the households' names and places only for the rows shown.
        var owed = await overdue.Select(l => new { l.Amount, l.PrincipalRepaid }).ToListAsync(ct);
        var rows = await ListLoans.Project(db, overdue.OrderBy(l => l.DueOn).ThenBy(l => l.ContractNumber).Take(Math.Clamp(request.Limit, 1, 100_000))).ToListAsync(ct);
        return new Result(asOf, owed.Count, owed.Sum(l => CreditRules.Outstanding(l.Amount, l.PrincipalRepaid).Yuan), rows.Select(r => r.ToRow(asOf)).ToList());
    }
}
