using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Industry;

namespace Tuopin.Application.Industry;

/// <summary>
/// Registers a market entity (市场主体) of the county, or changes one (with the version the user saw): its kind, name,
/// credit code, the plan industries it works in and the villages it serves. A township office names only its own
/// township's villages (and changes only entities that serve none outside it).
/// </summary>
public sealed class RegisterMarketEntity(Database database)
{
    public sealed record Fields(MarketEntityKind Kind, string Name, string? CreditCode, IReadOnlyList<string> Industries, IReadOnlyList<Guid> Villages, DateOnly RegisteredOn);

    public sealed record Request(Fields Entity, Guid? Id = null, int? Version = null, string? Reason = null);

    public sealed record Saved(Guid Id, int Version, bool Created);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        IndustryAccess.RequireEntityRegistrar(actor);
        var f = request.Entity;
        await using var db = database.Open();
        var industries = (await IndustryAccess.PlanIndustriesAsync(db, actor, ct)).Select(i => i.Id).ToHashSet();
        var problems = Check(f, industries);
        var villageIds = f.Villages.Distinct().ToList();
        var inArea = await Places.ListPlaces.InArea(db, actor).Where(v => villageIds.Contains(v.Id)).Select(v => new { v.Id, v.CountyId }).ToListAsync(ct);
        if (inArea.Count != villageIds.Count)
            problems.Add(new Problem("villages", "market_entity.villages", new LocalText("所选的村有的不存在或不在您的管辖范围内", "Some of the villages chosen do not exist or are outside your area")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var countyId = actor.Scope.Level == AreaLevel.Everything
            ? inArea.Select(v => (Guid?)v.CountyId).FirstOrDefault() ?? await db.Counties.Select(c => c.Id).FirstAsync(ct)
            : actor.Scope.CountyId;

        MarketEntity entity;
        var created = request.Id is null;
        if (request.Id is { } id)
        {
            // Another county's is not found: the query filter's (a market entity is ICountyBound).
            entity = await db.MarketEntities.Include(e => e.Villages).FirstOrDefaultAsync(e => e.Id == id, ct)
                ?? throw IndustryAccess.EntityNotFound();
            if (request.Version != entity.Version)
                throw new ConflictException(new LocalText("该市场主体已被他人修改，请重新打开后再保存", "Someone else changed this market entity; reopen and save again"));
            if (actor.Scope.TownshipId is { } township)
            {
                var served = entity.Villages.Select(v => v.VillageId).ToList();
                if (await db.Villages.AnyAsync(v => served.Contains(v.Id) && v.TownshipId != township, ct))
                    throw new ForbiddenException(new LocalText("该市场主体还服务其他乡镇的村，由县扶贫办修改", "This entity also serves other townships' villages; the county office changes it"));
            }
            db.Entry(entity).Property(e => e.Version).OriginalValue = entity.Version;
            entity.Version++;
        }
        else
        {
            entity = new MarketEntity { Id = Guid.CreateVersion7(), CountyId = countyId, Name = string.Empty, RecordedBy = actor.UserName, Version = 1 };
            db.MarketEntities.Add(entity);
        }
        entity.Kind = f.Kind;
        entity.Name = f.Name.Trim();
        entity.CreditCode = string.IsNullOrWhiteSpace(f.CreditCode) ? null : f.CreditCode.Trim().ToUpperInvariant();
        entity.Industries = string.Join(',', f.Industries.Select(i => i.Trim()).Distinct());
        entity.RegisteredOn = f.RegisteredOn;
        entity.UpdatedAt = database.Clock.GetUtcNow().UtcDateTime;
        foreach (var gone in entity.Villages.Where(v => !villageIds.Contains(v.VillageId)).ToList()) entity.Villages.Remove(gone);
        foreach (var added in villageIds.Where(v => entity.Villages.All(x => x.VillageId != v)))
            entity.Villages.Add(new MarketEntityVillage { Id = Guid.CreateVersion7(), MarketEntityId = entity.Id, VillageId = added });
        if (await db.MarketEntities.AnyAsync(e => e.CountyId == entity.CountyId && e.Name == entity.Name && e.Id != entity.Id, ct))
            throw new InvalidRequestException([new Problem("name", "market_entity.name_taken", new LocalText($"本县已登记名为“{entity.Name}”的市场主体", $"A market entity named \"{entity.Name}\" is already registered"))]);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该市场主体刚被他人保存，请重新打开后再保存", "Someone else saved this market entity just now; reopen and save again"));
        }
        return new Saved(entity.Id, entity.Version, created);
    }

    /// <summary>The rules of one entity, each problem named by its field.</summary>
    public static List<Problem> Check(Fields f, IReadOnlySet<string> planIndustries)
    {
        var problems = new List<Problem>();
        if (!Enum.IsDefined(f.Kind))
            problems.Add(new Problem("kind", "market_entity.kind", new LocalText("请选择市场主体类型", "Choose the kind of market entity")));
        if (string.IsNullOrWhiteSpace(f.Name) || f.Name.Trim().Length > MarketEntity.MaxNameLength)
            problems.Add(new Problem("name", "market_entity.name", new LocalText($"请填写名称（不超过{MarketEntity.MaxNameLength}个字）", $"Give a name of at most {MarketEntity.MaxNameLength} characters")));
        if (!string.IsNullOrWhiteSpace(f.CreditCode) && !IsCreditCode(f.CreditCode.Trim()))
            problems.Add(new Problem("creditCode", "market_entity.credit_code", new LocalText("统一社会信用代码应为18位数字或大写字母", "A unified social credit code has 18 digits or capital letters")));
        foreach (var i in f.Industries.Where(i => !planIndustries.Contains(i.Trim())))
            problems.Add(new Problem("industries", "market_entity.industry", IndustryAccess.UnknownIndustry(i)));
        if (f.RegisteredOn.Year is < 1980 or > 2100)
            problems.Add(new Problem("registeredOn", "market_entity.registered_on", new LocalText("请填写登记日期", "Give the day it was registered")));
        return problems;
    }

    private static bool IsCreditCode(string code) =>
        code.Length == 18 && code.ToUpperInvariant().All(c => char.IsAsciiDigit(c) || (c is >= 'A' and <= 'Z' and not ('I' or 'O' or 'S' or 'V' or 'Z')));
}
