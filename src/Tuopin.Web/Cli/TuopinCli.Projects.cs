using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tuopin.Application.Projects;
using Tuopin.Domain.Projects;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin projects list [--year y] [--step s] [--format json]</c>: the project library, newest year first, with each
    /// project's step, unit and budget; the step by name (Approved), Chinese (审批) or code (3); exit 0, 2 for an unknown step.
    /// </summary>
    private static Command ProjectsCommand(TextWriter output, TextWriter error)
    {
        var projects = new Command("projects", "The project library (项目库)");
        var year = new Option<int?>("--year") { Description = "The plan year" };
        var step = new Option<string?>("--step") { Description = "The step reached: Planned, Applied, Approved, Notice, Tendered, Implementing, Accepted, Reimbursed, Closed (or 谋划 … 销号)" };
        var list = new Command("list", "The projects, newest year first, with their step, unit and budget") { year, step };
        list.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            ProjectStep? wanted = null;
            if (parse.GetValue(step) is { } text)
            {
                if (Enum.TryParse<ProjectStep>(text, true, out var s) && Enum.IsDefined(s)) wanted = s;
                else if (ProjectSteps.Codes.TryFind(text, out var item) || ProjectSteps.Codes.Items.FirstOrDefault(i => i.Zh == text) is { } byName && (item = byName) is not null) wanted = item.Value;
                else
                {
                    await error.WriteLineAsync($"没有项目环节“{text}” / no project step \"{text}\"");
                    return Usage;
                }
            }
            var all = new List<ListProjects.Row>();
            var use = sp.GetRequiredService<ListProjects>();
            for (var page = 1; ; page++)
            {
                var result = await use.HandleAsync(new ListProjects.Request(parse.GetValue(year), wanted, Page: page, PageSize: 500), ct);
                all.AddRange(result.Items);
                if (all.Count >= result.Total || result.Items.Count == 0) break;
            }
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(all.Select(p => new
                {
                    id = p.Id, code = p.Code, name = p.Name, category = p.Category.ToString(), year = p.Year, step = p.Step.ToString(), responsible = p.Responsible,
                    budget = p.Budget, villages = p.Villages, beneficiaries = p.Beneficiaries, heldByObjection = p.HeldByObjection, flagged = p.Flagged,
                }), Json));
                return Ok;
            }
            var inv = CultureInfo.InvariantCulture;
            await output.WriteLineAsync($"项目 {all.Count} 个 / {all.Count} projects");
            foreach (var p in all)
                await output.WriteLineAsync($"  {p.Code}  {p.Year}  {ProjectSteps.Codes.Name(p.Step).Zh}  {p.Name}  {p.Responsible}  {p.Budget.ToString("#,##0.00", inv)} 元"
                    + (p.HeldByObjection ? "  [异议暂停]" : "") + (p.Flagged ? "  [审计标记]" : ""));
            return Ok;
        }));
        projects.Subcommands.Add(list);
        return projects;
    }
}
