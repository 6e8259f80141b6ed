using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Registry;

public class HouseholdIncomeTests
{
    private static Money Yuan(decimal yuan) => Money.FromYuan(yuan);

    /// <summary>Each part a different power of two in fen, so a part left out or counted twice changes the sum recognisably.</summary>
    private static HouseholdIncome PowersOfTwo() => new()
    {
        Year = 2016,
        HouseholdSize = 3,
        FamilyPlanning = Yuan(0.01m),
        Dibao = Yuan(0.02m),
        Wubao = Yuan(0.04m),
        Pension = Yuan(0.08m),
        EcoCompensation = Yuan(0.16m),
        OtherTransfer = Yuan(0.32m),
        Wage = Yuan(0.64m),
        Production = Yuan(1.28m),
        Property = Yuan(2.56m),
        ProductionExpense = Yuan(5.12m),
    };

    [Fact]
    public void Transfer_AddsTheSixTransferParts()
    {
        Assert.Equal(Yuan(0.63m), PowersOfTwo().Transfer);
    }

    [Fact]
    public void Total_AddsWageProductionPropertyAndTransfer_ButNotExpenses()
    {
        Assert.Equal(Yuan(5.11m), PowersOfTwo().Total);
    }

    [Fact]
    public void Net_SubtractsProductionExpense()
    {
        var income = PowersOfTwo();
        income.ProductionExpense = Yuan(0.10m);

        Assert.Equal(Yuan(5.01m), income.Net);
    }

    [Fact]
    public void Net_CanBeNegative_WhenExpensesExceedIncome()
    {
        var income = PowersOfTwo();

        Assert.Equal(Yuan(-0.01m), income.Net);
        Assert.True(income.Net.IsNegative);
    }

    [Fact]
    public void Sums_AreExact_ForTenthsThatBinaryFloatingPointCannotHold()
    {
        var income = new HouseholdIncome { HouseholdSize = 1, Wage = Yuan(0.1m), Production = Yuan(0.2m) };

        Assert.Equal(Yuan(0.3m), income.Total);
        Assert.Equal(30, income.Total.Fen);
    }

    [Fact]
    public void Sums_AreExact_ForManyFen()
    {
        var income = new HouseholdIncome
        {
            HouseholdSize = 5,
            Wage = Yuan(12345678.91m),
            Production = Yuan(0.09m),
            Dibao = Yuan(3300.01m),
            Pension = Yuan(1260.99m),
            ProductionExpense = Yuan(0.01m),
        };

        Assert.Equal(Yuan(4561.00m), income.Transfer);
        Assert.Equal(Yuan(12350240.00m), income.Total);
        Assert.Equal(Yuan(12350239.99m), income.Net);
    }

    [Fact]
    public void PerCapitaNet_DividesNetYuanByHouseholdSize()
    {
        var income = new HouseholdIncome { HouseholdSize = 4, Wage = Yuan(10000m), Dibao = Yuan(2000.04m), ProductionExpense = Yuan(1000m) };

        Assert.Equal(2750.01m, income.PerCapitaNet);
    }

    [Fact]
    public void PerCapitaNet_IsNotRoundedToFen()
    {
        var income = new HouseholdIncome { HouseholdSize = 4, Wage = Yuan(0.01m) };

        Assert.Equal(0.0025m, income.PerCapitaNet);
    }

    [Fact]
    public void PerCapitaNet_IsExact_ForThreeFenAmongThree()
    {
        var income = new HouseholdIncome { HouseholdSize = 3, OtherTransfer = Yuan(0.03m) };

        Assert.Equal(0.01m, income.PerCapitaNet);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void PerCapitaNet_IsZero_WithoutMembers(int size)
    {
        var income = new HouseholdIncome { HouseholdSize = size, Wage = Yuan(100m) };

        Assert.Equal(0m, income.PerCapitaNet);
    }

    [Fact]
    public void EmptyIncome_IsZeroEverywhere()
    {
        var income = new HouseholdIncome { HouseholdSize = 2 };

        Assert.Equal(Money.Zero, income.Transfer);
        Assert.Equal(Money.Zero, income.Total);
        Assert.Equal(Money.Zero, income.Net);
        Assert.Equal(0m, income.PerCapitaNet);
    }

    [Fact]
    public void Parts_ListsEveryAmountOnce_InFormOrder()
    {
        var parts = PowersOfTwo().Parts().ToList();

        Assert.Equal(
            ["Wage", "Production", "Property", "FamilyPlanning", "Dibao", "Wubao", "Pension", "EcoCompensation", "OtherTransfer", "ProductionExpense"],
            parts.Select(p => p.Field));
        Assert.Equal(1023, parts.Sum(p => p.Amount.Fen));
        Assert.Equal(Yuan(0.64m), parts.Single(p => p.Field == "Wage").Amount);
        Assert.Equal(Yuan(5.12m), parts.Single(p => p.Field == "ProductionExpense").Amount);
    }
}
