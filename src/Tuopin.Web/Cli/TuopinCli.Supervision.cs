using System.CommandLine;
using System.Text.Json;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Supervision;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin supervision findings [--year y] [--overdue] [--format json]</c>: the findings (问题) with their status and
    /// deadline, the overdue ones counted by township and unit; with --overdue only the overdue ones, and exit 1 when any exist.
    /// </summary>
    private static Command SupervisionCommand(TextWriter output, TextWriter error)
    {
        var supervision = new Command("supervision", "Supervision (督查, 整改, 问责)");
        var year = new Option<int?>("--year") { Description = "Only the findings of this year" };
        var overdue = new Option<bool>("--overdue") { Description = "Only the overdue findings (deadline passed, not closed); exit 1 when any exist" };
        var findings = new Command("findings", "Inspection findings and their rectification; overdue counted by township and unit") { year, overdue };
        findings.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var onlyOverdue = parse.GetValue(overdue);
            var result = await sp.GetRequiredService<ListFindings>().HandleAsync(new ListFindings.Request(parse.GetValue(year), OverdueOnly: onlyOverdue, PageSize: 500), ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    asOf = result.AsOf, total = result.Total, overdue = result.Overdue,
                    overdueByTownship = result.OverdueByTownship.Select(c => new { township = c.Name, c.Overdue }),
                    overdueByUnit = result.OverdueByUnit.Select(c => new { unit = c.Name, c.Overdue }),
                    findings = result.Findings.Items.Select(f => new
                    {
                        f.Id, f.Year, f.Inspection, category = f.Category, categoryName = SupervisionRules.Categories.Name(f.Category).Zh, f.Description,
                        unit = f.ResponsibleUnit, f.Township, f.Village, target = f.TargetKind, f.TargetId, f.Deadline, status = f.Status,
                        statusName = SupervisionRules.Statuses.Name(f.Status).Zh, f.ClosedOn, f.Overdue,
                    }),
                }, Json));
            }
            else
            {
                foreach (var f in result.Findings.Items)
                    await output.WriteLineAsync($"{f.Deadline:yyyy-MM-dd} {SupervisionRules.Statuses.Name(f.Status).Zh}{(f.Overdue ? " 逾期" : "")} {SupervisionRules.Categories.Name(f.Category).Zh} {f.Township}{f.Village} {f.ResponsibleUnit}：{f.Description}");
                foreach (var c in result.OverdueByTownship)
                    await output.WriteLineAsync($"逾期 / overdue {c.Name}: {c.Overdue}");
                await output.WriteLineAsync($"问题 / findings: {result.Total}；逾期未销号 / overdue: {result.Overdue}（截至 {result.AsOf:yyyy-MM-dd}）");
            }
            return onlyOverdue && result.Overdue > 0 ? Refused : Ok;
        }));
        supervision.Subcommands.Add(findings);
        return supervision;
    }
}
