using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// One piece of a member's name — a character or two adjacent characters — and the member it belongs to:
/// the index the name search reads (docs/adr/0015-name-search-and-overview-cache.md).
/// </summary>
public sealed class MemberNameGram
{
    public required string Gram { get; init; }

    public Guid MemberId { get; init; }

    /// <summary>The member's household: a search of one or two characters is answered from the index alone.</summary>
    public Guid HouseholdId { get; init; }
}

/// <summary>
/// The name search's own index. Chinese names are two or three characters and people search by one or two,
/// below the three that FTS5's trigram tokenizer and pg_trgm need to use their indexes; so every member's name
/// is kept here as its single characters and its pairs of adjacent characters (by Unicode code point). A search
/// looks up one piece of what was typed (all of it when one or two characters, its first two otherwise) and then
/// applies the same substring test as before to those candidates only: the answer is exactly the old scan's.
/// Written in the same transaction as the member: <see cref="TuopinDb"/>'s save for tracked changes, and
/// <see cref="BulkWriter"/> for imports and demo data; <see cref="BackfillAsync"/> fills it for an older database.
/// </summary>
public static class NameIndex
{
    /// <summary>The distinct single characters and adjacent pairs of a name.</summary>
    public static IReadOnlyCollection<string> Grams(string name)
    {
        var runes = name.EnumerateRunes().Select(r => r.ToString()).ToList();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < runes.Count; i++)
        {
            grams.Add(runes[i]);
            if (i + 1 < runes.Count) grams.Add(runes[i] + runes[i + 1]);
        }
        return grams;
    }

    /// <summary>The piece of a search that every matching name contains: the search itself up to two characters, else its first two.</summary>
    public static string Probe(string search)
    {
        var probe = new StringBuilder();
        var n = 0;
        foreach (var rune in search.EnumerateRunes())
        {
            if (n++ == 2) break;
            probe.Append(rune.ToString());
        }
        return probe.ToString();
    }

    /// <summary>
    /// The households with a member whose name contains <paramref name="search"/>, found through the index. The caller
    /// filters the households by the actor's area (a member is visible exactly when its household is).
    /// </summary>
    internal static IQueryable<Guid> Households(TuopinDb db, string search)
    {
        var probe = Probe(search);
        // One or two characters: the piece is the search itself, and the index (gram, household) answers alone.
        if (probe.Length == search.Length) return db.MemberNameGrams.Where(g => g.Gram == probe).Select(g => g.HouseholdId);
        // Longer: the index narrows to the few members with its first two characters; the test that decides is the the search always had.
        // substring test the search always had. IN, not EXISTS: with a correlated EXISTS SQLite scanned every member of the
        // county and probed the index for each (田珍燕: 39 ms), with IN it reads the probe's members by key (0.3 ms).
        var candidates = db.MemberNameGrams.Where(g => g.Gram == probe).Select(g => g.MemberId);
        return db.Members.Where(m => candidates.Contains(m.Id) && m.Name.Contains(search)).Select(m => m.HouseholdId);
    }

    /// <summary>
    /// The members' grams, in the order of the index's key (gram, then the members' own order): a bulk write then inserts each
    /// gram's entries side by side in the B-trees that lead with the gram, instead of one random leaf page per row (ADR 0005).
    /// </summary>
    internal static List<MemberNameGram> RowsOf(IEnumerable<Member> members) =>
        members.SelectMany(m => Grams(m.Name).Select(g => new MemberNameGram { Gram = g, MemberId = m.Id, HouseholdId = m.HouseholdId }))
            .OrderBy(g => g.Gram, StringComparer.Ordinal).ToList();

    /// <summary>The tracked members whose pieces a save must rewrite: stale ones to delete first, fresh ones to add after.</summary>
    internal sealed record Changes(List<Guid> Stale, List<Member> Fresh)
    {
        public bool Any => Stale.Count > 0 || Fresh.Count > 0;
    }

    internal static Changes Pending(TuopinDb db)
    {
        var changes = new Changes([], []);
        foreach (var entry in db.ChangeTracker.Entries<Member>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    changes.Fresh.Add(entry.Entity);
                    break;
                // A new name, or a move to another household (a split or a merge).
                case EntityState.Modified when (entry.Property(m => m.Name).IsModified
                        && !string.Equals((string?)entry.Property(m => m.Name).OriginalValue, entry.Entity.Name, StringComparison.Ordinal))
                    || (entry.Property(m => m.HouseholdId).IsModified && entry.Property(m => m.HouseholdId).OriginalValue != entry.Entity.HouseholdId):
                    changes.Stale.Add(entry.Entity.Id);
                    changes.Fresh.Add(entry.Entity);
                    break;
                case EntityState.Deleted:
                    changes.Stale.Add(entry.Entity.Id);
                    break;
            }
        }
        return changes;
    }

    internal static async Task BeforeSaveAsync(TuopinDb db, Changes changes, CancellationToken ct)
    {
        foreach (var chunk in changes.Stale.Chunk(500))
            await db.MemberNameGrams.Where(g => chunk.Contains(g.MemberId)).ExecuteDeleteAsync(ct);
    }

    internal static Task AfterSaveAsync(TuopinDb db, Changes changes, CancellationToken ct) =>
        BulkWriter.InsertAsync(db, RowsOf(changes.Fresh), ct);

    /// <summary>
    /// Fills the index of a database whose members were written before it existed (run after migrating). An empty
    /// index beside members means exactly that: from then on every write of a member writes its pieces.
    /// </summary>
    public static async Task<int> BackfillAsync(TuopinDb db, CancellationToken ct = default)
    {
        if (await db.MemberNameGrams.IgnoreQueryFilters().AnyAsync(ct) || !await db.Members.IgnoreQueryFilters().AnyAsync(ct)) return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var written = 0;
        // A village at a time: a few thousand names in memory at most, whatever the size of the database.
        var villages = await db.Members.IgnoreQueryFilters().Select(m => m.VillageId).Distinct().ToListAsync(ct);
        foreach (var village in villages)
        {
            var batch = await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => m.VillageId == village)
                .Select(m => new Member { Id = m.Id, HouseholdId = m.HouseholdId, Name = m.Name, ResidentIdCipher = "", ResidentIdIndex = "" })
                .ToListAsync(ct);
            var rows = RowsOf(batch);
            await BulkWriter.InsertAsync(db, rows, ct);
            written += rows.Count;
        }
        await transaction.CommitAsync(ct);
        return written;
    }
}
