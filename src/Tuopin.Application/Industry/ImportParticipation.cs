using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Industry;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Industry;

/// <summary>
/// Imports participation from the list a village, a cooperative or the agriculture department keeps (.xlsx, .xls or
/// .csv in UTF-8 or GB18030), one row a household's part in an industry: 户编号, 产业 (the plan's id or name), 年度, 规模,
/// and optionally 规模户, 利益联结 and 市场主体 (its registered name). Each row is checked by the form's rules
/// (<see cref="RecordParticipation.Check"/>) and becomes a participation with its measure. All or nothing: every fault
/// of every row is named by its row and column, and nothing is stored unless the whole file is right.
/// </summary>
public sealed class ImportParticipation(Database database)
{
    public const int MaxRows = 50_000;

    public const long MaxUploadBytes = 20L << 20;

    public sealed record Request(Stream Content, string FileName, string? Reason = null);

    public sealed record Result(int Rows, int Created, IReadOnlyList<SkippedRow> Skipped);

    public static readonly SheetColumn Number = new("户编号", "household_number", true);
    public static readonly SheetColumn Industry = new("产业", "industry", true, "产业名称", "产业类别");
    public static readonly SheetColumn Year = new("年度", "year", true);
    public static readonly SheetColumn Scale = new("规模", "scale", true, "面积", "数量", "规模（亩/头/只/户）");
    public static readonly SheetColumn ScaleFarmer = new("规模户", "scale_farmer", false, "是否规模户");
    public static readonly SheetColumn Link = new("利益联结", "link", false, "利益联结方式", "带动方式");
    public static readonly SheetColumn Entity = new("市场主体", "market_entity", false, "带动主体", "合作社");

    public static readonly IReadOnlyList<SheetColumn> Columns = [Number, Industry, Year, Scale, ScaleFarmer, Link, Entity];

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        IndustryAccess.RequireRecorder(actor);
        var sheet = SheetImport.Read(request.Content, request.FileName, Columns, MaxRows);
        await using var db = database.Open();
        var industries = await IndustryAccess.PlanIndustriesAsync(db, actor, ct);
        var numbers = sheet.Rows.Select(r => r[Number]).OfType<string>().Distinct().ToList();
        // The area filter applies: a household outside the user's area is not found, exactly like a missing one.
        var households = await db.Households.AsNoTracking().Where(h => numbers.Contains(h.Number) && h.ClosedOn == null && h.Status != HouseholdStatus.Removed)
            .Select(h => new { h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId }).ToDictionaryAsync(h => h.Number, ct);
        var entityNames = sheet.Rows.Select(r => r[Entity]).OfType<string>().Distinct().ToList();
        var entities = (await db.MarketEntities.AsNoTracking().Where(e => entityNames.Contains(e.Name))
                .Where(e => actor.Scope.Level == Domain.Accounts.AreaLevel.Everything || e.CountyId == actor.Scope.CountyId)
                .Select(e => new { e.Id, e.Name, e.CountyId }).ToListAsync(ct))
            .ToDictionary(e => e.Name);

        var problems = new List<Problem>();
        var made = new List<(IndustryParticipation, Domain.Assistance.Measure)>();
        var seen = new Dictionary<(string, string, int), int>();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            var number = sheet.Required(row, Number, problems);
            var industryText = sheet.Required(row, Industry, problems);
            var yearText = sheet.Required(row, Year, problems);
            var scaleText = sheet.Required(row, Scale, problems);
            var industry = industryText is null ? null : industries.FirstOrDefault(i => i.Id == industryText || i.Name == industryText || i.Name.StartsWith(industryText + "（", StringComparison.Ordinal));
            if (industryText is not null && industry is null)
                problems.Add(sheet.At(row.Line, Industry.Heading, "participation.industry", IndustryAccess.UnknownIndustry(industryText)));
            var year = 0;
            if (yearText is not null)
            {
                year = CellParser.Int(yearText, new LocalText(Year.Heading, Year.Code), out var fault) ?? 0;
                if (fault is not null) problems.Add(sheet.At(row.Line, Year.Heading, fault.Code, fault.Message));
            }
            decimal? scale = null;
            if (scaleText is not null)
            {
                scale = CellParser.Decimal(scaleText, new LocalText(Scale.Heading, Scale.Code), out var fault);
                if (fault is not null) problems.Add(sheet.At(row.Line, Scale.Heading, fault.Code, fault.Message));
            }
            var farmer = false;
            if (row[ScaleFarmer] is { Length: > 0 } farmerText)
            {
                farmer = CellParser.Bool(farmerText, new LocalText(ScaleFarmer.Heading, ScaleFarmer.Code), out var fault) ?? false;
                if (fault is not null) problems.Add(sheet.At(row.Line, ScaleFarmer.Heading, fault.Code, fault.Message));
            }
            var link = BenefitLink.Own;
            if (row[Link] is { Length: > 0 } linkText)
            {
                link = CellParser.Code(linkText, BenefitLinks.Codes, out var fault) ?? BenefitLink.Own;
                if (fault is not null) problems.Add(sheet.At(row.Line, Link.Heading, fault.Code, fault.Message));
            }
            var household = number is not null && households.TryGetValue(number, out var h) ? h : null;
            if (number is not null && household is null)
                problems.Add(sheet.At(row.Line, Number.Heading, "participation.household", new LocalText($"户编号 {number} 不存在、已清退或不在您的管辖范围内", $"household {number} does not exist, was removed or is outside your area")));
            Guid? entityId = null;
            string? entityName = null;
            if (row[Entity] is { Length: > 0 } name)
            {
                if (entities.TryGetValue(name, out var e) && (household is null || e.CountyId == household.CountyId)) (entityId, entityName) = (e.Id, e.Name);
                else problems.Add(sheet.At(row.Line, Entity.Heading, "participation.market_entity", new LocalText($"市场主体“{name}”尚未登记", $"no market entity named {name} is registered")));
            }
            if (problems.Count > before || industry is null || household is null || scale is null) continue;
            var fields = new RecordParticipation.Fields(industry.Id, year, scale.Value, farmer, link, entityId);
            var checks = RecordParticipation.Check(fields, industries);
            foreach (var p in checks)
                problems.Add(sheet.At(row.Line, p.Field switch { "year" => Year.Heading, "scale" => Scale.Heading, "link" => Link.Heading, "marketEntityId" => Entity.Heading, _ => Industry.Heading }, p.Code, p.Message));
            var key = (number!, industry.Id, year);
            if (seen.TryGetValue(key, out var first))
                problems.Add(sheet.At(row.Line, Industry.Heading, "participation.duplicate_row", new LocalText($"与{sheet.Where(first).Zh}重复（同一户、产业和年度）", $"repeats {sheet.Where(first).En} (same household, industry and year)")));
            else seen[key] = row.Line;
            if (checks.Count > 0) continue;
            made.Add(RecordParticipation.Build(household.Id, household.CountyId, household.TownshipId, household.VillageId, fields, industry.Name, entityName, actor.UserName, now));
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.Measures.AddRange(made.Select(m => m.Item2));
        db.IndustryParticipations.AddRange(made.Select(m => m.Item1));
        db.ChangeReason = request.Reason ?? $"导入产业帮扶名单 {Path.GetFileName(request.FileName)}";
        await db.SaveChangesAsync(ct);
        return new Result(sheet.Rows.Count, made.Count, [.. sheet.Skipped]);
    }
}
