namespace Tuopin.Bench;

public sealed record BenchOptions(bool Postgres, bool Quick, bool ShowSql)
{
    public int Warmups => Quick ? 2 : 5;

    public int Runs => Quick ? 10 : 30;

    /// <summary>Rounds of the demo load: the first runs cold, the others warm.</summary>
    public int LoadRounds => Quick ? 1 : 3;

    public const string Usage = """
        Tuopin benchmark: demo load, county overview, household pages; each beside a raw ADO.NET baseline.

          dotnet run -c Release --project bench/Tuopin.Bench -- [--postgres] [--quick] [--sql]

          --postgres   also run every measurement on PostgreSQL (TUOPIN_TEST_PG, else
                       Host=127.0.0.1;Port=5432;Username=tuopin;Password=tuopin)
          --quick      fewer repetitions: one demo-load round, 2 warm-ups and 10 runs per query,
                       no phase breakdown
          --sql        after the table, print the SQL EF Core ran for each query measurement
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var known = new HashSet<string> { "--postgres", "--quick", "--sql" };
        if (args.Any(a => a is "-h" or "--help") || args.Any(a => !known.Contains(a))) return null;
        return new BenchOptions(args.Contains("--postgres"), args.Contains("--quick"), args.Contains("--sql"));
    }
}
