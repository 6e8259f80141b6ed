using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Records (or corrects) a household's income for one year.</summary>
public sealed class RecordIncome(Database database)
{
    public sealed record Request(Guid HouseholdId, int Version, IncomeFields Income, string? Reason = null);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        RegistryMapping.RequireWriter(database.Actor);
        await using var db = database.Open();
        var household = await RegistryMapping.HouseholdForChangeAsync(db, request.HouseholdId, request.Version, ct, withMembers: true, withIncomes: true);
        var problems = new List<Problem>();
        var size = Math.Max(1, household.Members.Count(m => m.Status == MemberStatus.Present));
        var income = RegistryMapping.ToIncome(request.Income, size, string.Empty, problems);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var existing = household.Incomes.FirstOrDefault(i => i.Year == income.Year);
        if (existing is null)
        {
            income.Id = Guid.CreateVersion7();
            income.HouseholdId = household.Id;
            db.Incomes.Add(income);
        }
        else
        {
            existing.HouseholdSize = income.HouseholdSize;
            existing.Wage = income.Wage;
            existing.Production = income.Production;
            existing.Property = income.Property;
            existing.FamilyPlanning = income.FamilyPlanning;
            existing.Dibao = income.Dibao;
            existing.Wubao = income.Wubao;
            existing.Pension = income.Pension;
            existing.EcoCompensation = income.EcoCompensation;
            existing.OtherTransfer = income.OtherTransfer;
            existing.ProductionExpense = income.ProductionExpense;
        }
        db.ChangeReason = request.Reason;
        await RegistryMapping.SaveAsync(db, household.Id, ct);
        return household.Version;
    }
}
