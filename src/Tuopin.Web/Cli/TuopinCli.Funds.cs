using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tuopin.Application.Funds;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin funds check [--as-of yyyy-mm-dd] [--format json]</c>: every invariant and alert of the fund ledger, exit 1
    /// when any holds; <c>tuopin funds trace --source &lt;id|doc no&gt; | --household &lt;number&gt; [--format json]</c>;
    /// <c>tuopin funds settings [--notice-min-days n] [--schedule m:p,…] [--idle-days n] [--not-started-days n] [--notice-keep-days n] [--reason …]</c>.
    /// </summary>
    private static Command FundsCommand(TextWriter output, TextWriter error)
    {
        var funds = new Command("funds", "The fund ledger (统筹整合资金)");
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The day the alerts count to (default: today, at most the end of the working year)" };
        var check = new Command("check", "Every invariant and alert of the ledger, with reasons (exit 1 when any holds)") { asOf };
        check.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var result = await sp.GetRequiredService<CheckFunds>().HandleAsync(parse.GetValue(asOf), ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    asOf = result.AsOf, schedule = result.Schedule, idleDays = result.IdleDays, notStartedDays = result.NotStartedDays,
                    invariants = result.Invariants, alerts = result.Alerts,
                    findings = result.Findings.Select(f => new { kind = f.Kind, code = f.Code, label = f.Label, reason = f.Reason.Zh, reasonEn = f.Reason.En, sourceId = f.SourceId, allocationId = f.AllocationId, projectId = f.ProjectId, disbursementId = f.DisbursementId, householdId = f.HouseholdId }),
                }, Json));
                return result.Clean ? Ok : Refused;
            }
            await output.WriteLineAsync($"资金核查（截至 {result.AsOf:yyyy-MM-dd}）：不变量违反 {result.Invariants} 项，预警 {result.Alerts} 项 / fund check: {result.Invariants} invariant breaks, {result.Alerts} alerts");
            foreach (var f in result.Findings)
                await output.WriteLineAsync($"  [{(f.Kind == CheckFunds.Invariant ? "违反" : "预警")}] {f.Code} {f.Reason.Zh}");
            return result.Clean ? Ok : Refused;
        }));
        funds.Subcommands.Add(check);

        var source = new Option<string?>("--source") { Description = "A fund source: its id or its document number (文号)" };
        var household = new Option<string?>("--household") { Description = "A household by its number (户编号)" };
        var trace = new Command("trace", "Where every yuan of a source went, or every yuan that reached a household") { source, household };
        trace.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var (s, h) = (parse.GetValue(source), parse.GetValue(household));
            if (string.IsNullOrWhiteSpace(s) == string.IsNullOrWhiteSpace(h))
            {
                await error.WriteLineAsync("请给出 --source 或 --household 之一 / give --source or --household, one of the two");
                return Usage;
            }
            var inv = CultureInfo.InvariantCulture;
            if (!string.IsNullOrWhiteSpace(s))
            {
                var r = await sp.GetRequiredService<TraceFundSource>().HandleAsync(s, ct);
                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(r, Json));
                    return Ok;
                }
                await output.WriteLineAsync($"{r.DocumentNumber}（{r.IssuingDepartment}，{r.Year}）金额 {r.Amount.ToString("#,##0.00", inv)} 元，已分配 {r.Allocated.ToString("#,##0.00", inv)}，已支付 {r.Disbursed.ToString("#,##0.00", inv)}，未分配 {r.Unallocated.ToString("#,##0.00", inv)}");
                foreach (var p in r.Projects)
                    await output.WriteLineAsync($"  项目 {p.Code} {p.Name}：分配 {p.Allocated.ToString("#,##0.00", inv)}，付施工单位 {p.ToContractors.ToString("#,##0.00", inv)}，付农户 {p.ToHouseholds.ToString("#,##0.00", inv)}，结余 {p.Balance.ToString("#,##0.00", inv)}");
                foreach (var v in r.Villages)
                    await output.WriteLineAsync($"  村 {v.Township}{v.Village}：{v.Households} 户，{v.Amount.ToString("#,##0.00", inv)} 元");
                return Ok;
            }
            var t = await sp.GetRequiredService<TraceHousehold>().HandleAsync(h!, ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(t, Json));
                return Ok;
            }
            await output.WriteLineAsync($"户 {t.Number}（{t.Township}{t.Village}）共收到 {t.Total.ToString("#,##0.00", inv)} 元 / received in all");
            foreach (var l in t.Lines)
                await output.WriteLineAsync($"  {l.PaidOn:yyyy-MM-dd} {l.Amount.ToString("#,##0.00", inv)} 元 {l.SubsidyType} 项目 {l.ProjectCode} 来源 {l.SourceDocument}{(l.IsRefund ? "（退回）" : "")}");
            return Ok;
        }));
        funds.Subcommands.Add(trace);

        var noticeMin = new Option<int?>("--notice-min-days") { Description = "The projects' minimum notice period in days (projects.notice.min_days)" };
        var schedule = new Option<string?>("--schedule") { Description = "The spending schedule as month:percent pairs, e.g. 3:25,6:50,9:75,12:100 (funds.schedule)" };
        var idle = new Option<int?>("--idle-days") { Description = "Days a balance may lie unspent before it is an alert (funds.idle_days)" };
        var notStarted = new Option<int?>("--not-started-days") { Description = "Days an approved project may wait to start before it is an alert (funds.not_started_days)" };
        var keep = new Option<int?>("--notice-keep-days") { Description = "Days an ended public notice stays readable (notices.keep_days)" };
        var reason = new Option<string?>("--reason") { Description = "Why the settings change (kept with the audit)" };
        var settings = new Command("settings", "Show the settings of projects and funds; with any option, set those (the county administrator)") { noticeMin, schedule, idle, notStarted, keep, reason };
        settings.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var request = new SetFundSettings.Request(parse.GetValue(noticeMin), parse.GetValue(schedule), parse.GetValue(idle), parse.GetValue(notStarted), parse.GetValue(keep), parse.GetValue(reason));
            var setting = request with { Reason = null } != new SetFundSettings.Request();
            var result = setting
                ? await sp.GetRequiredService<SetFundSettings>().HandleAsync(request, ct)
                : await sp.GetRequiredService<GetFundSettings>().HandleAsync(ct);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
                return Ok;
            }
            await output.WriteLineAsync($"项目公示最短天数 / notice minimum days: {result.NoticeMinDays}");
            await output.WriteLineAsync($"支出进度 / spending schedule: {result.Schedule}");
            await output.WriteLineAsync($"资金闲置天数 / idle days: {result.IdleDays}");
            await output.WriteLineAsync($"批复后未开工天数 / not-started days: {result.NotStartedDays}");
            await output.WriteLineAsync($"公示期满后保留天数 / notice keep days: {result.NoticeKeepDays}");
            return Ok;
        }));
        funds.Subcommands.Add(settings);
        return funds;
    }
}
