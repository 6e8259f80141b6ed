using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// Writes the registry of the actor's area — or the households a list's filters select — in the import
/// template, so that an export imported into an empty county gives the same registry. Households are
/// read a chunk at a time in number order (memory does not grow with the registry). Resident IDs and
/// phones are masked for roles that see them masked, or when asked.
/// </summary>
public sealed class ExportRegistry(Database database, Audit.AccessLog log)
{
    private const int Chunk = 2000;

    public sealed record Result(int Households, int Members, bool Masked);

    public async Task<Result> HandleAsync(ListHouseholds.Query filters, SheetFormat format, Stream target, bool mask = false, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var protector = database.Protector;
        var masked = mask || !database.Actor.CanSeePersonalData;
        var selected = ListHouseholds.Filter(db, filters, protector);
        var years = await db.Incomes.AsNoTracking().Where(i => selected.Any(h => h.Id == i.HouseholdId)).Select(i => i.Year).Distinct().ToListAsync(ct);
        var columns = RegistryTemplate.Columns(years);
        var villages = await db.Villages.AsNoTracking().ToDictionaryAsync(v => v.Id, ct);
        var townships = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var groups = await db.VillageGroups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);

        using var writer = new SheetWriter(target, format, "建档立卡", Widths(columns));
        writer.WriteRow([.. columns.Select(c => (object?)c.Zh)], 1);
        var last = string.Empty;
        int householdCount = 0, memberCount = 0;
        while (true)
        {
            var from = last;
            var chunk = await selected.Where(h => string.Compare(h.Number, from) > 0).OrderBy(h => h.Number).Take(Chunk).ToListAsync(ct);
            if (chunk.Count == 0) break;
            last = chunk[^1].Number;
            var ids = chunk.Select(h => h.Id).ToList();
            var members = (await db.Members.AsNoTracking().Where(m => ids.Contains(m.HouseholdId)).ToListAsync(ct))
                .ToLookup(m => m.HouseholdId);
            var incomes = (await db.Incomes.AsNoTracking().Where(i => ids.Contains(i.HouseholdId)).ToListAsync(ct))
                .ToLookup(i => i.HouseholdId);
            var history = (await db.StatusChanges.AsNoTracking().Where(c => ids.Contains(c.HouseholdId))
                    .Select(c => new { c.HouseholdId, c.Date, c.From, c.To, c.RecordedAt }).ToListAsync(ct))
                .ToLookup(c => c.HouseholdId);
            foreach (var h in chunk)
            {
                householdCount++;
                var village = villages[h.VillageId];
                var changes = history[h.Id].OrderBy(c => c.Date).ThenBy(c => c.RecordedAt).ToList();
                var registered = changes.FirstOrDefault(c => c.From is null)?.Date;
                DateOnly? left = h.Status == HouseholdStatus.NotExited ? null : changes.LastOrDefault(c => c.To == h.Status)?.Date;
                var phone = h.PhoneCipher is null ? null : protector.Unprotect(h.PhoneCipher);
                if (phone is not null && masked) phone = Masking.Phone(phone);
                var byYear = incomes[h.Id].ToDictionary(i => i.Year);
                foreach (var m in members[h.Id].OrderBy(m => m.Relation == Relation.Head ? 0 : 1).ThenBy(m => m.Relation).ThenBy(m => m.BirthDate).ThenBy(m => m.Name, StringComparer.Ordinal))
                {
                    memberCount++;
                    var id = protector.Unprotect(m.ResidentIdCipher);
                    var values = new object?[columns.Count];
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var c = columns[i];
                        values[i] = c.Key switch
                        {
                            "number" => h.Number,
                            "township" => townships[h.TownshipId],
                            "village" => village.Name,
                            "group" => h.GroupId is { } g ? groups.GetValueOrDefault(g) : null,
                            "registrationYear" => h.RegistrationYear,
                            "registeredOn" => Date(registered),
                            "standard" => Codes.Standards[h.Standard].Zh,
                            "attribute" => Codes.Attributes[h.Attribute].Zh,
                            "mainCause" => Codes.Causes[h.MainCause].Zh,
                            "otherCause1" => h.OtherCause1 is { } c1 ? Codes.Causes[c1].Zh : null,
                            "otherCause2" => h.OtherCause2 is { } c2 ? Codes.Causes[c2].Zh : null,
                            "housing" => Codes.Housings[h.Housing].Zh,
                            "housingArea" => h.HousingArea,
                            "isAdobeHouse" => YesNo(h.IsAdobeHouse),
                            "hasLivingPower" => YesNo(h.HasLivingPower),
                            "hasProductionPower" => YesNo(h.HasProductionPower),
                            "drinkingWaterDifficult" => YesNo(h.DrinkingWaterDifficult),
                            "drinkingWaterSafe" => YesNo(h.DrinkingWaterSafe),
                            "hasSanitaryToilet" => YesNo(h.HasSanitaryToilet),
                            "distanceToMainRoadKm" => h.DistanceToMainRoadKm,
                            "entryRoad" => h.EntryRoad is { } road ? Codes.EntryRoads[road].Zh : null,
                            "mainFuel" => h.MainFuel is { } fuel ? Codes.Fuels[fuel].Zh : null,
                            "inCooperative" => YesNo(h.InCooperative),
                            "phone" => phone,
                            "status" => Codes.Statuses[h.Status].Zh,
                            "exitYear" => h.ExitYear,
                            "exitedOn" => Date(left),
                            "name" => m.Name,
                            "residentId" => masked ? Masking.ResidentId(id) : id,
                            "sex" => Codes.Sexes[m.Sex].Zh,
                            "birthDate" => masked ? m.BirthDate.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Date(m.BirthDate),
                            "relation" => Codes.Relations[m.Relation].Zh,
                            "ethnicity" => Codes.Ethnicities.Items.FirstOrDefault(e => e.Value == m.EthnicityCode)?.Zh ?? m.EthnicityCode,
                            "education" => Codes.Educations[m.Education].Zh,
                            "schooling" => Codes.Schoolings[m.Schooling].Zh,
                            "health" => Codes.Healths[m.Health].Zh,
                            "disabilityGrade" => m.DisabilityGrade,
                            "labour" => Codes.LabourSkills[m.Labour].Zh,
                            "migrantWork" => m.MigrantWork is { } w ? Codes.MigrantWorks[w].Zh : null,
                            "migrantMonths" => m.MigrantMonths,
                            "medicalInsurance" => YesNo(m.MedicalInsurance),
                            "pensionInsurance" => YesNo(m.PensionInsurance),
                            "memberStatus" => Codes.MemberStatuses[m.Status].Zh,
                            _ when c.Scope == ColumnScope.Income => byYear.TryGetValue(c.Year, out var income) ? IncomeValue(income, c.Part!) : null,
                            _ => null,
                        };
                    }
                    writer.WriteRow(values);
                }
            }
        }
        await log.ExportAsync(database.Actor, "Registry", Guid.Empty, new
        {
            format = format.ToString().ToLowerInvariant(), masked, households = householdCount, members = memberCount,
            filters = new { filters.TownshipId, filters.VillageId, filters.ZoneId, filters.Status, filters.Attribute, filters.Cause, filters.ExitYear, filters.PoorVillage, filters.Name, filters.PoorAtEndOf, filters.ExitedBy },
        }, masked ? "导出名册（证件号码已遮蔽）" : "导出名册（含完整证件号码和电话）", ct);
        return new Result(householdCount, memberCount, masked);
    }

    /// <summary>The template: its header and one example household in a village of the actor's area.</summary>
    public async Task TemplateAsync(SheetFormat format, Stream target, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var scope = database.Actor.Scope;
        var villages = await db.Villages.AsNoTracking().OrderBy(v => v.Code).ToListAsync(ct);
        var village = villages.FirstOrDefault(v => scope.Covers(v.CountyId, v.TownshipId, v.Id)) ?? villages.FirstOrDefault();
        var township = village is null ? "某乡" : await db.Townships.Where(t => t.Id == village.TownshipId).Select(t => t.Name).FirstAsync(ct);
        var group = village is null ? null : await db.VillageGroups.Where(g => g.VillageId == village.Id).OrderBy(g => g.Number).Select(g => g.Name).FirstOrDefaultAsync(ct);
        var year = database.Clock.GetLocalNow().Year - 1;
        var columns = RegistryTemplate.Columns([year]);
        var number = (village?.Code ?? "000000000000") + "9001";
        var head = Domain.Registry.ResidentId.Create(village?.Code[..6] ?? "422827", new DateOnly(1968, 3, 12), 131);
        var wife = Domain.Registry.ResidentId.Create(village?.Code[..6] ?? "422827", new DateOnly(1970, 8, 2), 242);
        var son = Domain.Registry.ResidentId.Create(village?.Code[..6] ?? "422827", new DateOnly(2008, 11, 20), 117);
        var household = new Dictionary<string, object?>
        {
            ["number"] = number, ["township"] = township, ["village"] = village?.Name ?? "某村", ["group"] = group,
            ["registrationYear"] = year, ["standard"] = "国家标准", ["attribute"] = "一般贫困户", ["mainCause"] = "因病", ["otherCause1"] = "缺技术",
            ["housing"] = "有", ["housingArea"] = 96.5m, ["isAdobeHouse"] = "否", ["hasLivingPower"] = "是", ["hasProductionPower"] = "否",
            ["drinkingWaterDifficult"] = "否", ["drinkingWaterSafe"] = "是", ["hasSanitaryToilet"] = "是", ["distanceToMainRoadKm"] = 1.2m,
            ["entryRoad"] = "水泥路", ["mainFuel"] = "柴草", ["inCooperative"] = "否", ["phone"] = "13907180000", ["status"] = "未脱贫",
            [$"income{year}.wage"] = 4800m, [$"income{year}.production"] = 1500m, [$"income{year}.dibao"] = 0m, [$"income{year}.productionExpense"] = 600m,
        };
        var people = new[]
        {
            new Dictionary<string, object?> { ["name"] = "张某（示例）", ["residentId"] = head.Value, ["sex"] = "男", ["birthDate"] = "1968-03-12", ["relation"] = "户主", ["ethnicity"] = "土家族", ["education"] = "初中", ["health"] = "长期慢性病", ["labour"] = "普通劳动力", ["migrantWork"] = "乡镇外县内务工", ["migrantMonths"] = 6, ["medicalInsurance"] = "是", ["pensionInsurance"] = "是" },
            new Dictionary<string, object?> { ["name"] = "李某（示例）", ["residentId"] = wife.Value, ["sex"] = "女", ["birthDate"] = "1970-08-02", ["relation"] = "配偶", ["ethnicity"] = "土家族", ["education"] = "小学", ["health"] = "健康", ["labour"] = "普通劳动力", ["medicalInsurance"] = "是", ["pensionInsurance"] = "是" },
            new Dictionary<string, object?> { ["name"] = "张小某（示例）", ["residentId"] = son.Value, ["sex"] = "男", ["birthDate"] = "2008-11-20", ["relation"] = "之子", ["ethnicity"] = "土家族", ["education"] = "小学", ["schooling"] = "七–九年级", ["health"] = "健康", ["labour"] = "无劳动力", ["medicalInsurance"] = "是", ["pensionInsurance"] = "否" },
        };
        using var writer = new SheetWriter(target, format, "建档立卡", Widths(columns));
        writer.WriteRow([.. columns.Select(c => (object?)c.Zh)], 1);
        foreach (var (person, index) in people.Select((p, i) => (p, i)))
        {
            // The head's row carries the household's fields; the others give only the number and place.
            writer.WriteRow([.. columns.Select(c => person.TryGetValue(c.Key, out var v) ? v
                : c.Key is "number" or "township" or "village" or "group" || index == 0 ? household.GetValueOrDefault(c.Key) : null)]);
        }
    }

    private static List<double> Widths(List<TemplateColumn> columns) =>
        [.. columns.Select(c => c.Key switch { "residentId" => 22d, "number" => 20d, "name" => 12d, _ => Math.Clamp(c.Zh.Length * 2.2 + 2, 8, 30) })];

    private static object? IncomeValue(HouseholdIncome income, string part) => part == "HouseholdSize"
        ? income.HouseholdSize
        : ((Money)typeof(HouseholdIncome).GetProperty(part)!.GetValue(income)!).Yuan;

    private static string YesNo(bool value) => value ? "是" : "否";

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
