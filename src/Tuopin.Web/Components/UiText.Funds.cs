namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the fund ledger (资金台账), its check and its traces.</summary>
    private static Dictionary<string, string> FundsEnglish => new()
    {
        ["资金台账"] = "Fund ledger",
        ["统筹整合资金从来源到项目、到农户的每一笔：到位、分配、支付和结余。"] = "Every yuan of the integrated funds from its source to a project and to a household: received, allocated, paid and left.",
        ["资金核查"] = "Fund check",
        ["资金追溯"] = "Fund trace",
        ["资金台账由县、乡镇、行业部门和督查人员查看；村级只查看本村农户的资金。"] = "The ledger is read by the county, townships, departments and inspectors; a village reads its own households' payments.",
        ["按"] = "By",
        ["资金来源"] = "Fund source",
        ["整合类别"] = "Integration category",
        ["部门"] = "Department",
        ["项目"] = "Project",
        ["导出 .xlsx"] = "Export .xlsx",
        ["到位资金"] = "Received",
        ["已分配"] = "Allocated",
        ["已支付"] = "Paid",
        ["结余"] = "Balance",
        ["未分配"] = "Unallocated",
        ["返回资金台账"] = "Back to the ledger",
        ["从明细重算每一条规则（分配不超来源、支付不超分配、公示期满后才支付、验收后才付尾款、退回不超原支付），并列出预警。"] =
            "Every rule recomputed from the rows (allocations within sources, payments within allocations, none before the notice ends, no final payment before acceptance, refunds within payments), and the alerts.",
        ["截至 {0}：违反规则 {1} 项，预警 {2} 项"] = "As of {0}: {1} rules broken, {2} alerts",
        ["违反"] = "Broken",
        ["预警"] = "Alert",
        ["没有发现问题"] = "Nothing found",
        ["一笔资金的每一元去了哪里，或一户收到的每一元来自哪笔资金、哪个项目。"] = "Where every yuan of a source went, or where every yuan a household received came from.",
        ["金额 {0} 元，已分配 {1} 元，已支付 {2} 元"] = "{0} yuan, {1} allocated, {2} paid",
        ["付施工单位"] = "To contractors",
        ["付农户"] = "To households",
        ["共收到 {0} 元"] = "{0} yuan received in all",
        ["支付日期"] = "Paid on",
        ["补贴类型"] = "Subsidy type",
    };
}
