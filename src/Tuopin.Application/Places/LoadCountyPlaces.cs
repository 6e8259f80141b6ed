using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Places;

/// <summary>
/// Loads a county's places (county, townships, villages, zones) and its starting poverty lines
/// into a database that does not yet hold that county. Every reference in the data set is checked
/// first; on any problem nothing is written. The static methods load through a context of the caller's
/// (the demo data set, bench and tests).
/// </summary>
public sealed class LoadCountyPlaces(Database database)
{
    public sealed record Result(County County, int Townships, int Villages, int PoorVillages, int Zones);

    public async Task<Result> HandleAsync(CountyDataSet set, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await RunAsync(db, set, ct);
    }

    public static List<Problem> Check(CountyDataSet set)
    {
        var problems = new List<Problem>();
        var townships = set.Townships.ToDictionary(t => t.Code);
        var names = new HashSet<string>();
        foreach (var v in set.Villages)
        {
            if (v.Code.Length != 12 || !v.Code.All(char.IsAsciiDigit) || !v.Code.StartsWith(set.County.Code, StringComparison.Ordinal))
                problems.Add(new Problem($"villages[{v.Line}].code", "place.village_code", new LocalText($"第{v.Line}行：村代码“{v.Code}”应为本县的12位统计用区划代码", $"Line {v.Line}: '{v.Code}' is not a 12-digit code of this county")));
            if (!townships.ContainsKey(v.TownshipCode))
                problems.Add(new Problem($"villages[{v.Line}].township_code", "place.unknown_township", new LocalText($"第{v.Line}行：乡镇代码“{v.TownshipCode}”不在县数据的乡镇表中", $"Line {v.Line}: township '{v.TownshipCode}' is not among the county's townships")));
            if (!names.Add($"{v.TownshipName}/{v.Name}"))
                problems.Add(new Problem($"villages[{v.Line}].name", "place.duplicate_village", new LocalText($"第{v.Line}行：{v.TownshipName}{v.Name}重复", $"Line {v.Line}: {v.TownshipName} {v.Name} appears twice")));
        }
        var seenPoor = new HashSet<string>();
        foreach (var (year, list) in set.PoorVillages)
        {
            foreach (var name in list)
            {
                if (!names.Contains(name))
                    problems.Add(new Problem("poorVillages", "place.unknown_village", new LocalText($"贫困村“{name}”不在村表中", $"Poor village '{name}' is not in the village list")));
                if (!seenPoor.Add(name))
                    problems.Add(new Problem("poorVillages", "place.duplicate_poor_village", new LocalText($"贫困村“{name}”列出两次", $"Poor village '{name}' is listed twice")));
                var township = set.Townships.FirstOrDefault(t => name.StartsWith(t.Name + "/", StringComparison.Ordinal));
                if (township?.PlannedExitYear is { } tYear && year > tYear)
                    problems.Add(new Problem("poorVillages", "place.village_after_township", new LocalText($"贫困村“{name}”计划{year}年出列，晚于所在乡镇的{tYear}年", $"Poor village '{name}' exits in {year}, after its township ({tYear})")));
            }
        }
        foreach (var zone in set.Zones)
            foreach (var name in zone.Villages.Where(n => !names.Contains(n)))
                problems.Add(new Problem("zones", "place.unknown_village", new LocalText($"片区“{zone.Name}”中的“{name}”不在村表中", $"Zone '{zone.Name}' names '{name}', which is not in the village list")));
        return problems;
    }

    /// <summary>
    /// The prefecture (市/州) the data set names for the county, found by its GB/T 2260 code (the county's first four digits
    /// and 00) or added with its province (the first two digits and 0000), so that one database can hold many counties and
    /// roll them up. None when the data set names no prefecture or province.
    /// </summary>
    /// <summary>
    /// A database from before the areas above the county: the built-in county (Laifeng) is placed under the prefecture and
    /// province its data set names. Nothing changes when it is placed already or absent.
    /// </summary>
    public static async Task PlaceBuiltInAsync(TuopinDb db, CancellationToken ct = default)
    {
        var set = CountyDataSet.Laifeng();
        var county = await db.Counties.FirstOrDefaultAsync(c => c.Code == set.County.Code && c.PrefectureId == null, ct);
        if (county is null) return;
        county.PrefectureId = await PrefectureAsync(db, set.County, ct);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Guid?> PrefectureAsync(TuopinDb db, CountyDataSet.CountyInfo county, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(county.Province) || string.IsNullOrWhiteSpace(county.Prefecture) || county.Code.Length != 6) return null;
        var provinceCode = county.Code[..2] + "0000";
        var prefectureCode = county.Code[..4] + "00";
        var prefecture = await db.Prefectures.FirstOrDefaultAsync(p => p.Code == prefectureCode, ct)
            ?? db.Prefectures.Local.FirstOrDefault(p => p.Code == prefectureCode);
        if (prefecture is not null) return prefecture.Id;
        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Code == provinceCode, ct) ?? db.Provinces.Local.FirstOrDefault(p => p.Code == provinceCode);
        if (province is null)
        {
            province = new Province { Id = Guid.CreateVersion7(), Code = provinceCode, Name = county.Province.Trim() };
            db.Provinces.Add(province);
        }
        prefecture = new Prefecture { Id = Guid.CreateVersion7(), ProvinceId = province.Id, Code = prefectureCode, Name = county.Prefecture.Trim() };
        db.Prefectures.Add(prefecture);
        return prefecture.Id;
    }

    public static async Task<Result> RunAsync(TuopinDb db, CountyDataSet set, CancellationToken ct = default)
    {
        var problems = Check(set);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        if (await db.Counties.AnyAsync(c => c.Code == set.County.Code, ct))
            throw new ConflictException(new LocalText($"数据库中已有{set.County.Name}（{set.County.Code}）的区划", $"The database already holds {set.County.Name} ({set.County.Code})"));

        var county = new County { Id = Guid.CreateVersion7(), Code = set.County.Code, Name = set.County.Name, IsWestern = set.County.IsWestern,
            PrefectureId = await PrefectureAsync(db, set.County, ct) };
        db.Counties.Add(county);
        var townships = set.Townships.ToDictionary(t => t.Code, t => new Township
        {
            Id = Guid.CreateVersion7(), CountyId = county.Id, Code = t.Code, Name = t.Name, PlannedExitYear = t.PlannedExitYear,
        });
        db.Townships.AddRange(townships.Values);
        var zones = set.Zones.Select((z, i) => new Zone { Id = Guid.CreateVersion7(), CountyId = county.Id, Name = z.Name, Order = i + 1 }).ToList();
        db.Zones.AddRange(zones);
        var poor = set.PoorVillages.SelectMany(p => p.Value.Select(name => (name, year: p.Key))).ToDictionary(p => p.name, p => p.year);
        var zoneOf = set.Zones.SelectMany((z, i) => z.Villages.Select(name => (name, zone: zones[i]))).ToDictionary(p => p.name, p => p.zone);
        var villages = set.Villages.Select(v =>
        {
            var key = $"{v.TownshipName}/{v.Name}";
            var township = townships[v.TownshipCode];
            return new Village
            {
                Id = Guid.CreateVersion7(),
                CountyId = county.Id,
                TownshipId = township.Id,
                Code = v.Code,
                Name = v.Name,
                OfficialName = v.OfficialName,
                Kind = v.IsCommunity ? VillageKind.Community : VillageKind.Village,
                IsPoor = poor.ContainsKey(key),
                PlannedExitYear = poor.TryGetValue(key, out var year) ? year : null,
                ZoneId = zoneOf.TryGetValue(key, out var zone) ? zone.Id : null,
            };
        }).ToList();
        db.Villages.AddRange(villages);

        var existingLines = await db.PovertyLines.Select(l => l.Year).ToListAsync(ct);
        foreach (var line in set.PovertyLines.Where(l => !existingLines.Contains(l.Year)))
            db.PovertyLines.Add(new PovertyLine { Year = line.Year, Amount = Money.FromYuan(line.Amount), Source = line.Source });

        // County administrators created before any county existed now belong to this one.
        var unbound = await db.Users.Where(u => u.CountyId == Guid.Empty && u.Role == Role.CountyAdmin).ToListAsync(ct);
        foreach (var user in unbound) user.CountyId = county.Id;

        await db.SaveChangesAsync(ct);
        return new Result(county, townships.Count, villages.Count, villages.Count(v => v.IsPoor), zones.Count);
    }
}
