namespace Tuopin.Domain.Registry;

/// <summary>
/// The incidence of poverty (贫困发生率): the people still poor as a percentage of the rural registered population
/// (户籍人口), to two decimals. Unknown when the population is unknown or zero. Of several areas together it is
/// computed from their sums, never as an average of their rates.
/// </summary>
public static class PovertyIncidence
{
    public static decimal? Percent(int poorPeople, int? population) =>
        population is > 0 ? Math.Round(poorPeople * 100m / population.Value, 2) : null;

    /// <summary>An incidence as every screen, export and shell shows it: "2.35%", or "—" when the population is not known.</summary>
    public static string Text(decimal? percent) =>
        percent is { } v ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
