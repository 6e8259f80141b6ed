using Tuopin.Web.Cli;

namespace Tuopin.Web.Tests;

/// <summary>Runs the shell command in-process, with its exit code and what it wrote to standard output and error.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TuopinCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
