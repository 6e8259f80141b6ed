using Tuopin.Application.Registry;
using Tuopin.Domain.Registry;

namespace Tuopin.Testing;

/// <summary>Valid requests to start from; each test changes what it is about.</summary>
public static class Build
{
    private static int _sequence;

    /// <summary>A valid resident ID never used before in this test run.</summary>
    public static ResidentId NewResidentId(Sex sex = Sex.Male, DateOnly? birth = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        var date = birth ?? new DateOnly(1960, 1, 1).AddDays(n / 400 + (Environment.ProcessId % 97) * 37);
        var sequence = (n % 400) * 2 + (sex == Sex.Male ? 1 : 0);
        return ResidentId.Create("422827", date, sequence % 1000);
    }

    public static MemberFields Member(Relation relation = Relation.Head, Sex sex = Sex.Male, string? name = null, DateOnly? birth = null)
    {
        var id = NewResidentId(sex, birth);
        return new MemberFields
        {
            ResidentId = id.Value,
            Name = name ?? (sex == Sex.Male ? "田国平" : "向秀英"),
            Sex = sex,
            BirthDate = id.BirthDate,
            Relation = relation,
            EthnicityCode = "15",
            Education = Education.JuniorHigh,
            Schooling = Schooling.NotInSchool,
            Health = Health.Healthy,
            Labour = LabourSkill.Ordinary,
            MedicalInsurance = true,
            PensionInsurance = true,
        };
    }

    public static HouseholdFields Household(Guid villageId) => new()
    {
        VillageId = villageId,
        RegistrationYear = 2014,
        Attribute = HouseholdAttribute.General,
        MainCause = PovertyCause.LackOfCapital,
        Housing = HousingSafety.Safe,
        HousingArea = 80.5m,
        Phone = "13800001234",
    };

    public static IncomeFields Income(int year, decimal wage = 6000m, decimal expense = 500m) => new()
    {
        Year = year,
        Wage = wage,
        Production = 2000m,
        Pension = 840m,
        ProductionExpense = expense,
    };
}
