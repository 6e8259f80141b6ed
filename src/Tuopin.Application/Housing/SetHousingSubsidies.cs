using System.Globalization;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;

namespace Tuopin.Application.Housing;

/// <summary>
/// The county's amount of each housing subsidy, yuan per household (县定补助标准): set by the county administrator,
/// kept as settings (audited, with the reason), read by <see cref="AssessHousingEligibility"/>. A category left out
/// keeps its amount.
/// </summary>
public sealed class SetHousingSubsidies(Database database)
{
    public sealed record Amounts(decimal? Build = null, decimal? Fixed = null, decimal? Renovation = null);

    public async Task<Amounts> HandleAsync(Amounts amounts, string? reason = null, CancellationToken ct = default)
    {
        if (database.Actor.Role != Role.CountyAdmin)
            throw new ForbiddenException(new LocalText("只有县级管理员可以修改住房补助标准", "Only a county administrator may change the housing subsidies"));
        var given = new (HousingSubsidyCategory Category, string Field, decimal? Yuan)[]
        {
            (HousingSubsidyCategory.BuildSubsidy, "build", amounts.Build), (HousingSubsidyCategory.FixedSubsidy, "fixed", amounts.Fixed),
            (HousingSubsidyCategory.RenovationSubsidy, "renovation", amounts.Renovation),
        };
        var problems = given.Where(g => g.Yuan is { } y && (y < 0 || y > 1_000_000m || y != decimal.Round(y, 2)))
            .Select(g => new Problem(g.Field, "housing.subsidy", new LocalText(
                $"{HousingSubsidies.Categories.Name(g.Category).Zh}的补助标准须在0至1,000,000元之间，最多两位小数，填写的是 {g.Yuan}",
                $"The {HousingSubsidies.Categories.Name(g.Category).En} must be 0 to 1,000,000 yuan with at most two decimals: {g.Yuan}"))).ToList();
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        await using var db = database.Open();
        foreach (var (category, _, yuan) in given)
        {
            if (yuan is not { } y) continue;
            var key = HousingSubsidies.SettingKey(category);
            await StoredSettings.PutAsync(db, key, y.ToString("0.##", CultureInfo.InvariantCulture), ct);
        }
        db.ChangeReason = reason;
        await db.SaveChangesAsync(ct);
        return new Amounts(await AssessHousingEligibility.AmountAsync(db, HousingSubsidyCategory.BuildSubsidy, ct),
            await AssessHousingEligibility.AmountAsync(db, HousingSubsidyCategory.FixedSubsidy, ct),
            await AssessHousingEligibility.AmountAsync(db, HousingSubsidyCategory.RenovationSubsidy, ct));
    }
}
