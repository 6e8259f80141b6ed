using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Audit;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    private static Command AuditCommand(TextWriter output, TextWriter error)
    {
        var audit = new Command("audit", "The audit log: who changed what, when");
        var verify = new Command("verify", "Check the audit's hash chain: exit 0 when intact, 1 naming where it breaks");
        verify.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var result = await sp.GetRequiredService<VerifyAudit>().HandleAsync(ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    intact = result.Intact, entries = result.Entries, headSequence = result.HeadSequence, headHash = result.HeadHash,
                    breaks = result.Breaks.Select(b => new { sequence = b.Sequence, entryId = b.EntryId, at = b.At, userName = b.UserName, code = b.Code, problem = b.Problem }),
                }, Json));
            }
            else if (result.Intact)
            {
                await output.WriteLineAsync($"审计链完整：共 {result.Entries:N0} 条记录，链头第 {result.HeadSequence} 条，哈希 {result.HeadHash}");
                await output.WriteLineAsync("（可把链头哈希另行保存，日后核对：末尾的记录被整体替换时，只有它能说明。）");
            }
            else
            {
                await output.WriteLineAsync($"审计链不完整：共 {result.Entries:N0} 条记录，发现 {result.Breaks.Count} 处问题：");
                foreach (var b in result.Breaks) await output.WriteLineAsync($"  {b.Problem}");
            }
            return result.Intact ? Ok : Refused;
        }));
        audit.Subcommands.Add(verify);
        return audit;
    }
}
