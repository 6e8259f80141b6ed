using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Credit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Credit;

/// <summary>
/// The loans of the user's area (or of one of its townships or villages), newest first, a page at a time, each with what
/// is still owed and how it reads as of a day: a status filter of 逾期 lists the outstanding loans past their due day.
/// </summary>
public sealed class ListLoans(Database database)
{
    public sealed record Request(LoanStatus? Status = null, Guid? TownshipId = null, Guid? VillageId = null, DateOnly? AsOf = null, string? Household = null, int Page = 1, int PageSize = 50);

    public sealed record Row(
        Guid Id, int Version, Guid HouseholdId, string Number, string Head, string Township, string Village, string Bank, string ContractNumber,
        decimal Amount, decimal Outstanding, DateOnly IssuedOn, int TermMonths, DateOnly DueOn, string Purpose, string? IndustryId, LoanStatus Status, int DaysOverdue);

    public sealed record Result(DateOnly AsOf, Page<Row> Loans);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var asOf = await CreditAccess.AsOfAsync(db, database.Clock, request.AsOf, ct);
        var query = Filter(db.Loans.AsNoTracking(), request.TownshipId, request.VillageId);
        if (!string.IsNullOrWhiteSpace(request.Household)) query = query.Where(l => db.Households.Any(h => h.Id == l.HouseholdId && h.Number == request.Household.Trim()));
        query = request.Status switch
        {
            LoanStatus.Overdue => query.Where(l => l.Status == LoanStatus.Outstanding && l.DueOn < asOf),
            LoanStatus.Outstanding => query.Where(l => l.Status == LoanStatus.Outstanding && l.DueOn >= asOf),
            { } s => query.Where(l => l.Status == s),
            null => query,
        };
        var size = Math.Clamp(request.PageSize, 1, 500);
        var page = Math.Max(1, request.Page);
        var total = await query.CountAsync(ct);
        var rows = await Project(db, query.OrderByDescending(l => l.IssuedOn).ThenBy(l => l.ContractNumber).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
        return new Result(asOf, new Page<Row>(rows.Select(r => r.ToRow(asOf)).ToList(), total, page, size));
    }

    internal static IQueryable<Loan> Filter(IQueryable<Loan> loans, Guid? townshipId, Guid? villageId)
    {
        if (townshipId is { } t) loans = loans.Where(l => l.TownshipId == t);
        if (villageId is { } v) loans = loans.Where(l => l.VillageId == v);
        return loans;
    }

    internal sealed record Stored(
        Guid Id, int Version, Guid HouseholdId, string Number, string? Head, string Township, string Village, string Bank, string ContractNumber,
        Domain.Common.Money Amount, Domain.Common.Money Repaid, DateOnly IssuedOn, int TermMonths, DateOnly DueOn, string Purpose, string? IndustryId, LoanStatus Status)
    {
        public Row ToRow(DateOnly asOf)
        {
            var owed = CreditRules.Outstanding(Amount, Repaid);
            return new Row(Id, Version, HouseholdId, Number, Head ?? string.Empty, Township, Village, Bank, ContractNumber, Amount.Yuan, owed.Yuan, IssuedOn, TermMonths, DueOn,
                Purpose, IndustryId, CreditRules.StatusOn(Status, DueOn, owed, asOf), CreditRules.DaysOverdue(DueOn, owed, asOf));
        }
    }

    /// <summary>The rows with their household's number, head and place: one query.</summary>
    internal static IQueryable<Stored> Project(TuopinDb db, IQueryable<Loan> loans) =>
        from l in loans
        join h in db.Households on l.HouseholdId equals h.Id
        join v in db.Villages on h.VillageId equals v.Id
        join t in db.Townships on h.TownshipId equals t.Id
        select new Stored(l.Id, l.Version, l.HouseholdId, h.Number,
            h.Members.Where(m => m.Relation == Relation.Head && m.Status == MemberStatus.Present).Select(m => m.Name).FirstOrDefault(),
            t.Name, v.Name, l.Bank, l.ContractNumber, l.Amount, l.PrincipalRepaid, l.IssuedOn, l.TermMonths, l.DueOn, l.Purpose, l.IndustryId, l.Status);
}
