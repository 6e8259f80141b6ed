namespace Tuopin.Bench;

public sealed record BenchOptions(bool Postgres, bool Quick, bool ShowSql, string? Only = null, int Counties = 10, int HouseholdsPerCounty = Application.Demo.DemoPlan.Households, bool KeepIndexes = false, bool IndexedBaseline = false, bool KeepDatabase = false)
{
    /// <summary>Whether a measurement group runs: all of them, or only the one named by --only.</summary>
    public bool Includes(string group) => Only is null || Only == group;

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
          --only NAME  run only one group after the demo load: queries, import, progress,
                       dashboard, exit, quality, assistance, industry, credit, funds,
                       reports, summary, assessment, cold (the published tuopin from the
                       shell: start, and the county's CSV import beside sqlite3 .import / psql \copy);
                       or counties (no demo load, PostgreSQL only): synthetic counties loaded,
                       beside a raw COPY of the same rows; then the Laifeng county's import
                       on that database, beside the same import into an empty one
          --counties N             with --only counties: how many (default 10)
          --households-per-county K  with --only counties: households each (default 21,897)
          --keep-indexes           with --only counties: keep the plain indexes through the load
                                   (the load before issue 18's change) instead of building them at the end
          --indexed-baseline       with --only counties: also a raw COPY into indexed copies of the tables
                                   (slow: as the load with --keep-indexes; for the profile of a few counties)
          --keep-database          with --only counties: leave the database afterwards (its name is printed)
        """;

    private static readonly string[] Groups = ["queries", "import", "progress", "dashboard", "exit", "quality", "assistance", "industry", "credit", "funds", "reports", "summary", "assessment", "cold", "counties"];

    public static BenchOptions? Parse(string[] args)
    {
        var known = new HashSet<string> { "--postgres", "--quick", "--sql", "--keep-indexes", "--indexed-baseline", "--keep-database" };
        string? only = null;
        var counties = 10;
        var households = Application.Demo.DemoPlan.Households;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--counties" or "--households-per-county")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var n) || n < 1) return null;
                if (args[i] == "--counties") counties = n; else households = n;
                i++;
            }
            else if (args[i] == "--only")
            {
                if (i + 1 >= args.Length || !Groups.Contains(args[i + 1])) return null;
                only = args[++i];
            }
            else rest.Add(args[i]);
        }
        if (rest.Any(a => a is "-h" or "--help") || rest.Any(a => !known.Contains(a))) return null;
        return new BenchOptions(rest.Contains("--postgres"), rest.Contains("--quick"), rest.Contains("--sql"), only, counties, households, rest.Contains("--keep-indexes"), rest.Contains("--indexed-baseline"), rest.Contains("--keep-database"));
    }
}
