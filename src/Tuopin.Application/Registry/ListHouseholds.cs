using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// Lists the households of the user's area, a page at a time, with filters and a search by a
/// member's name or by an exact resident ID. Five queries whatever the page size: count, the page's ids,
/// its rows, its heads, places. Searches select the matching households once (IN), not a probe per household.
/// </summary>
public sealed class ListHouseholds(Database database)
{
    public const int MaxPageSize = 200;

    public sealed record Query
    {
        public Guid? TownshipId { get; init; }
        public Guid? VillageId { get; init; }
        public Guid? ZoneId { get; init; }
        public HouseholdStatus? Status { get; init; }
        public HouseholdAttribute? Attribute { get; init; }
        public PovertyCause? Cause { get; init; }
        public int? ExitYear { get; init; }
        public bool? PoorVillage { get; init; }

        /// <summary>Still poor at the end of this year: not exited, returned, or exited after it (progress drill-through).</summary>
        public int? PoorAtEndOf { get; init; }

        /// <summary>Exited in this year or before (progress drill-through).</summary>
        public int? ExitedBy { get; init; }

        /// <summary>Part of any member's name.</summary>
        public string? Name { get; init; }

        /// <summary>A member's exact resident ID.</summary>
        public string? ResidentId { get; init; }

        /// <summary>The household's exact number (户编号).</summary>
        public string? Number { get; init; }

        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = 20;
    }

    /// <summary>The households of the actor's area that the query's filters select (shared with the export).</summary>
    internal static IQueryable<Household> Filter(TuopinDb db, Query query, IPersonalDataProtector protector)
    {
        var households = db.Households.AsNoTracking();
        if (query.TownshipId is { } township) households = households.Where(h => h.TownshipId == township);
        if (query.VillageId is { } village) households = households.Where(h => h.VillageId == village);
        if (query.ZoneId is { } zone) households = households.Where(h => db.Villages.Any(v => v.Id == h.VillageId && v.ZoneId == zone));
        if (query.PoorVillage is { } poor) households = households.Where(h => db.Villages.Any(v => v.Id == h.VillageId && v.IsPoor == poor));
        if (query.Status is { } status) households = households.Where(h => h.Status == status);
        if (query.Attribute is { } attribute) households = households.Where(h => h.Attribute == attribute);
        if (query.Cause is { } cause) households = households.Where(h => h.MainCause == cause || h.OtherCause1 == cause || h.OtherCause2 == cause);
        if (query.ExitYear is { } year) households = households.Where(h => h.ExitYear == year);
        if (query.PoorAtEndOf is { } poorAt) households = households.Where(HouseholdStanding.PoorAtEndOf(poorAt));
        if (query.ExitedBy is { } exitedBy) households = households.Where(HouseholdStanding.ExitedBy(exitedBy));
        if (!string.IsNullOrWhiteSpace(query.Number))
        {
            var number = query.Number.Trim();
            households = households.Where(h => h.Number == number);
        }
        if (!string.IsNullOrWhiteSpace(query.Name))
        {
            var name = query.Name.Trim();
            // Through the name search's own index: the same members as m.Name.Contains(name), without reading them all.
            var named = NameIndex.Households(db, name);
            households = households.Where(h => named.Contains(h.Id));
        }
        if (!string.IsNullOrWhiteSpace(query.ResidentId))
        {
            // An exact search would confirm a guess of a number the role sees only masked.
            if (!db.Actor.CanSeePersonalData)
                throw new ForbiddenException(new LocalText(
                    "按身份证号码查找需要查看个人信息的权限（县、乡镇、村扶贫干部）；请按姓名查找",
                    "Finding by resident ID needs the right to see personal data (county, township and village officers); search by name instead"));
            if (!Domain.Registry.ResidentId.TryParse(query.ResidentId, out var id, out var problem))
                throw new InvalidRequestException([new Problem("residentId", "resident_id.invalid", problem.Value)]);
            var index = protector.Index(id.Value);
            var holders = db.Members.Where(m => m.ResidentIdIndex == index).Select(m => m.HouseholdId);
            households = households.Where(h => holders.Contains(h.Id));
        }
        return households;
    }

    public async Task<Page<HouseholdSummary>> HandleAsync(Query query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        await using var db = database.Open();
        var households = Filter(db, query, database.Protector);

        // The page's households first, by id only: a search's households are then kept and sorted from the index
        // (id, area, number) alone; only the page's rows are read (a search for 田 matches 3,192 households of the demo).
        int total;
        List<Guid> ids;
        if (await NamedAsync(query, ct) is { } named)
        {
            total = named.Count;
            ids = named.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        }
        else
        {
            total = await households.CountAsync(ct);
            ids = await households
                .OrderBy(h => h.Number)
                .Skip((page - 1) * pageSize)
                .Take(pageSize)
                .Select(h => h.Id)
                .ToListAsync(ct);
        }
        var rows = (await db.Households.AsNoTracking()
                .Where(h => ids.Contains(h.Id))
                .Select(h => new { h.Id, h.Number, h.TownshipId, h.VillageId, h.Size, h.Attribute, h.MainCause, h.Status, h.ExitYear })
                .ToListAsync(ct))
            .OrderBy(r => ids.IndexOf(r.Id))
            .ToList();
        var heads = (await db.Members.AsNoTracking()
                .Where(m => ids.Contains(m.HouseholdId) && m.Relation == Relation.Head && m.Status == MemberStatus.Present)
                .Select(m => new { m.HouseholdId, m.Name, m.ResidentIdCipher })
                .ToListAsync(ct))
            .DistinctBy(m => m.HouseholdId)
            .ToDictionary(m => m.HouseholdId);
        var names = await PlaceNames.LoadAsync(db, rows.Select(r => r.VillageId), ct);
        var matched = await MatchedAsync(db, query, ids, ct);
        var items = rows.Select(r =>
        {
            var head = heads.GetValueOrDefault(r.Id);
            return new HouseholdSummary(
                r.Id, r.Number, r.TownshipId, names.Township(r.TownshipId), r.VillageId, names.Village(r.VillageId),
                head?.Name,
                // Lists are for finding a household: its page shows the numbers (and records that they were read).
                head is null ? null : new ShownId(Masking.ResidentId(database.Protector.Unprotect(head.ResidentIdCipher)), true),
                r.Size, r.Attribute, r.MainCause, r.Status, r.ExitYear,
                matched?[r.Id].ToList());
        }).ToList();
        return new Page<HouseholdSummary>(items, total, page, pageSize);
    }

    private sealed record SearchKey(WriteCounter Database, AreaScope Scope, Query Query);

    private static readonly KeptAnswers<SearchKey, IReadOnlyList<Guid>> Searches = new(256);

    /// <summary>
    /// For a search by name: every household it selects in the actor's area, in the order of their numbers (one query,
    /// where a count and a page were two passes over the same households), kept for the area and the query's filters until
    /// the next committed write that may change it (<see cref="WriteCounter.Registry"/>, as <see cref="CountyOverview"/>), so
    /// that turning pages or many users looking for a common surname read it once. Null for any other list.
    /// </summary>
    private async Task<IReadOnlyList<Guid>?> NamedAsync(Query query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query.Name) || !string.IsNullOrWhiteSpace(query.ResidentId)) return null;
        var key = new SearchKey(database.Writes, database.Actor.Scope, query with { Name = query.Name.Trim(), Page = 1, PageSize = 0 });
        return await Searches.GetAsync(key, () => database.Writes.Registry, async counting =>
        {
            // Its own context: others asking at the same time wait for this count.
            await using var db = database.Open();
            IReadOnlyList<Guid> found = await Filter(db, key.Query, database.Protector).OrderBy(h => h.Number).Select(h => h.Id).ToListAsync(counting);
            return (found, true);
        }, ct);
    }

    /// <summary>The members of one page of households that a name or ID search matched (one query), or null without such a search.</summary>
    private async Task<ILookup<Guid, MatchedMember>?> MatchedAsync(TuopinDb db, Query query, List<Guid> ids, CancellationToken ct)
    {
        var members = db.Members.AsNoTracking().Where(m => ids.Contains(m.HouseholdId));
        if (!string.IsNullOrWhiteSpace(query.Name))
        {
            var name = query.Name.Trim();
            members = members.Where(m => m.Name.Contains(name));
        }
        if (!string.IsNullOrWhiteSpace(query.ResidentId) && Domain.Registry.ResidentId.TryParse(query.ResidentId, out var id, out _))
        {
            var index = database.Protector.Index(id.Value);
            members = members.Where(m => m.ResidentIdIndex == index);
        }
        if (string.IsNullOrWhiteSpace(query.Name) && string.IsNullOrWhiteSpace(query.ResidentId)) return null;
        var rows = await members.Select(m => new { m.HouseholdId, m.Name, m.Relation, m.Status }).ToListAsync(ct);
        return rows.OrderBy(m => m.Relation).ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToLookup(m => m.HouseholdId, m => new MatchedMember(m.Name, m.Relation, m.Status));
    }
}

/// <summary>Names of the townships and villages a set of records refers to, in one query.</summary>
internal sealed class PlaceNames
{
    private readonly Dictionary<Guid, string> _villages = [];
    private readonly Dictionary<Guid, string> _townships = [];

    public static async Task<PlaceNames> LoadAsync(TuopinDb db, IEnumerable<Guid> villageIds, CancellationToken ct)
    {
        var ids = villageIds.Distinct().ToList();
        var names = new PlaceNames();
        var rows = await db.Villages.AsNoTracking()
            .Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.Name, v.TownshipId, Township = v.Township!.Name })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            names._villages[row.Id] = row.Name;
            names._townships[row.TownshipId] = row.Township;
        }
        return names;
    }

    public string Village(Guid id) => _villages.GetValueOrDefault(id, "?");

    public string Township(Guid id) => _townships.GetValueOrDefault(id, "?");
}
