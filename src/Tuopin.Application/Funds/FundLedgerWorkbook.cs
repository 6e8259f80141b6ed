using Tuopin.Application.Common;

namespace Tuopin.Application.Funds;

/// <summary>The ledger as the screen shows it, as .xlsx: one row a line, then the total; the same figures.</summary>
public static class FundLedgerWorkbook
{
    public static byte[] Write(GetFundLedger.Result ledger)
    {
        using var stream = new MemoryStream();
        using (var writer = new SheetWriter(stream, SheetFormat.Xlsx, "资金台账", [36, 16, 16, 16, 16, 16]))
        {
            writer.WriteRow([$"资金台账（按{Heading(ledger.By)}）" + (ledger.Year is { } y ? $" {y}年度" : ""), null, null, null, null, null], 1);
            writer.WriteRow(["名称", "到位资金（元）", "已分配（元）", "已支付（元）", "结余（元）", "未分配（元）"], 1);
            foreach (var r in ledger.Rows.Append(ledger.Total))
                writer.WriteRow([r.Name.Zh, r.Received, r.Allocated, r.Disbursed, r.Balance, r.Unallocated], r == ledger.Total ? 1u : 0u);
        }
        return stream.ToArray();
    }

    public static string Heading(string by) => by switch
    {
        "category" => "整合类别", "township" => "乡镇", "zone" => "片区", "department" => "部门", "project" => "项目", _ => "资金来源",
    };
}
