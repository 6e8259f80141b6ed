using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tuopin.Application.Credit;

namespace Tuopin.Web.Cli;

public static partial class TuopinCli
{
    /// <summary>
    /// <c>tuopin credit status [--as-of yyyy-mm-dd] [--format json]</c>: loans outstanding and overdue, and the guarantee
    /// fund's balance and leverage (the operator sees the county's fund); exit 0.
    /// </summary>
    private static Command CreditCommand(TextWriter output, TextWriter error)
    {
        var credit = new Command("credit", "Micro-credit (扶贫小额信贷)");
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The day overdue days count to (default: today, at most the end of the working year)" };
        var status = new Command("status", "Loans outstanding and overdue, and the guarantee fund's balance and leverage") { asOf };
        status.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var result = await sp.GetRequiredService<GetCreditStatus>().HandleAsync(parse.GetValue(asOf), ct);
            var fund = result.GuaranteeFund;
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    asOf = result.AsOf, loans = result.Loans, lent = result.Lent,
                    outstanding = new { count = result.Outstanding, amount = result.OutstandingAmount },
                    overdue = new { count = result.Overdue, amount = result.OverdueAmount },
                    repaid = result.Repaid, compensated = result.Compensated,
                    fund = fund is null ? null : new { deposits = fund.Deposits, payouts = fund.Payouts, balance = fund.Balance, leverage = fund.Leverage, compensations = fund.Compensations },
                }, Json));
                return Ok;
            }
            var inv = CultureInfo.InvariantCulture;
            await output.WriteLineAsync($"扶贫小额信贷（截至 {result.AsOf:yyyy-MM-dd}） / micro-credit as of {result.AsOf:yyyy-MM-dd}");
            await output.WriteLineAsync($"  贷款 {result.Loans} 笔，累计发放 {result.Lent.ToString("#,##0.00", inv)} 元 / loans, lent");
            await output.WriteLineAsync($"  未结清 {result.Outstanding} 笔，余额 {result.OutstandingAmount.ToString("#,##0.00", inv)} 元 / outstanding");
            await output.WriteLineAsync($"  逾期 {result.Overdue} 笔，{result.OverdueAmount.ToString("#,##0.00", inv)} 元 / overdue");
            await output.WriteLineAsync($"  已结清 {result.Repaid} 笔，已代偿 {result.Compensated} 笔 / repaid, compensated");
            if (fund is not null)
                await output.WriteLineAsync($"  风险补偿金余额 {fund.Balance.ToString("#,##0.00", inv)} 元，放大倍数 {(fund.Leverage is { } l ? l.ToString("0.00", inv) : "—（补偿金为零）")} / fund balance, leverage");
            return Ok;
        }));
        credit.Subcommands.Add(status);
        return credit;
    }
}
