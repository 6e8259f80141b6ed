using System.Linq.Expressions;

namespace Tuopin.Domain.Registry;

/// <summary>
/// Where a household stands by its recorded status and exit year: registered (not removed), poor now, still
/// poor at the end of a year, exited by a year. Every count, list, assessment and report asks these, and each
/// rule is written once, here, as an expression over (status, exit year, year). The <c>Is…</c> functions
/// evaluate it in memory; the functions returning an expression over <see cref="Household"/> give the same
/// rule to a set-based query (EF Core translates it on SQLite and PostgreSQL, the year as a parameter).
/// </summary>
public static class HouseholdStanding
{
    /// <summary>Registered: every status but removed (已清退, wrongly registered).</summary>
    private static readonly Expression<Func<HouseholdStatus, int?, int, bool>> RegisteredRule =
        (status, exitYear, year) => status != HouseholdStatus.Removed;

    /// <summary>Poor now: not exited, or returned to poverty.</summary>
    private static readonly Expression<Func<HouseholdStatus, int?, int, bool>> PoorRule =
        (status, exitYear, year) => status == HouseholdStatus.NotExited || status == HouseholdStatus.Returned;

    /// <summary>
    /// Still poor at the end of the year: registered and not exited, returned, or exited after the year (an exited
    /// household with no exit year has not been shown to exit and counts as poor). A removed household is not poor.
    /// </summary>
    private static readonly Expression<Func<HouseholdStatus, int?, int, bool>> PoorAtEndOfRule =
        (status, exitYear, year) => status == HouseholdStatus.NotExited || status == HouseholdStatus.Returned
            || (status == HouseholdStatus.Exited && (exitYear == null || exitYear > year));

    /// <summary>Exited in the year or before, and not returned since.</summary>
    private static readonly Expression<Func<HouseholdStatus, int?, int, bool>> ExitedByRule =
        (status, exitYear, year) => status == HouseholdStatus.Exited && exitYear <= year;

    /// <summary>Exited in the year, and not returned since.</summary>
    private static readonly Expression<Func<HouseholdStatus, int?, int, bool>> ExitedInRule =
        (status, exitYear, year) => status == HouseholdStatus.Exited && exitYear == year;

    private static readonly Func<HouseholdStatus, int?, int, bool> IsRegisteredFunc = RegisteredRule.Compile();
    private static readonly Func<HouseholdStatus, int?, int, bool> IsPoorFunc = PoorRule.Compile();
    private static readonly Func<HouseholdStatus, int?, int, bool> IsPoorAtEndOfFunc = PoorAtEndOfRule.Compile();
    private static readonly Func<HouseholdStatus, int?, int, bool> HasExitedByFunc = ExitedByRule.Compile();
    private static readonly Func<HouseholdStatus, int?, int, bool> HasExitedInFunc = ExitedInRule.Compile();

    public static bool IsRegistered(HouseholdStatus status) => IsRegisteredFunc(status, null, 0);

    public static bool IsPoor(HouseholdStatus status) => IsPoorFunc(status, null, 0);

    public static bool IsPoorAtEndOf(int year, HouseholdStatus status, int? exitYear) => IsPoorAtEndOfFunc(status, exitYear, year);

    public static bool HasExitedBy(int year, HouseholdStatus status, int? exitYear) => HasExitedByFunc(status, exitYear, year);

    public static bool HasExitedIn(int year, HouseholdStatus status, int? exitYear) => HasExitedInFunc(status, exitYear, year);

    /// <summary>Assessed for exit in the year (poor at some point of it): still poor at the end of the year before.</summary>
    public static bool IsAssessedIn(int year, HouseholdStatus status, int? exitYear) => IsPoorAtEndOf(year - 1, status, exitYear);

    public static Expression<Func<Household, bool>> Registered() => OnHousehold(RegisteredRule, 0);

    public static Expression<Func<Household, bool>> Poor() => OnHousehold(PoorRule, 0);

    public static Expression<Func<Household, bool>> PoorAtEndOf(int year) => OnHousehold(PoorAtEndOfRule, year);

    public static Expression<Func<Household, bool>> ExitedBy(int year) => OnHousehold(ExitedByRule, year);

    public static Expression<Func<Household, bool>> ExitedIn(int year) => OnHousehold(ExitedInRule, year);

    /// <inheritdoc cref="IsAssessedIn"/>
    public static Expression<Func<Household, bool>> AssessedIn(int year) => PoorAtEndOf(year - 1);

    /// <summary>
    /// Binds a rule to a household: status and exit year become its columns, the year a captured value (so that
    /// EF Core sends it as a parameter and reuses the query's plan for every year).
    /// </summary>
    private static Expression<Func<Household, bool>> OnHousehold(Expression<Func<HouseholdStatus, int?, int, bool>> rule, int year)
    {
        var household = Expression.Parameter(typeof(Household), "h");
        var captured = Expression.Field(Expression.Constant(new Captured(year)), nameof(Captured.Year));
        var body = new Bind(new Dictionary<ParameterExpression, Expression>
        {
            [rule.Parameters[0]] = Expression.Property(household, nameof(Household.Status)),
            [rule.Parameters[1]] = Expression.Property(household, nameof(Household.ExitYear)),
            [rule.Parameters[2]] = captured,
        }).Visit(rule.Body);
        return Expression.Lambda<Func<Household, bool>>(body, household);
    }

    private sealed class Captured(int year)
    {
        public readonly int Year = year;
    }

    private sealed class Bind(Dictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
