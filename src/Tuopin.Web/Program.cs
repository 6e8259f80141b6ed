using Tuopin.Web.Cli;

return await TuopinCli.RunAsync(args);

namespace Tuopin.Web
{
    /// <summary>The entry point's type, for tools that look for it.</summary>
    public partial class Program;
}
