using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>The county's fund sources, by year and category, with what each allocated and has left.</summary>
public sealed class ListFundSources(Database database)
{
    public sealed record Request(int? Year = null, IntegrationCategory? Category = null, FundLevel? Level = null);

    public sealed record Item(Guid Id, FundLevel Level, string IssuingDepartment, string DocumentNumber, int Year, DateOnly ReceivedOn, IntegrationCategory Category, decimal Amount, decimal Allocated, decimal Unallocated, int Version);

    public async Task<IReadOnlyList<Item>> HandleAsync(Request request, CancellationToken ct = default)
    {
        FundsAccess.RequireLedgerReader(database.Actor);
        await using var db = database.Open();
        var rows = await db.FundSources.AsNoTracking()
            .Where(s => (request.Year == null || s.Year == request.Year) && (request.Category == null || s.Category == request.Category) && (request.Level == null || s.Level == request.Level))
            .OrderBy(s => s.Year).ThenBy(s => s.Level).ThenBy(s => s.DocumentNumber).ToListAsync(ct);
        return rows.Select(s => new Item(s.Id, s.Level, s.IssuingDepartment, s.DocumentNumber, s.Year, s.ReceivedOn, s.Category, s.Amount.Yuan, s.Allocated.Yuan, FundRules.Unallocated(s.Amount, s.Allocated).Yuan, s.Version)).ToList();
    }
}
