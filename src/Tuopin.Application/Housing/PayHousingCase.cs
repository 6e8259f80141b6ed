using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;
using Tuopin.Application.Common;

namespace Tuopin.Application.Housing;

/// <summary>
/// The township or county office records the payment of the subsidy (资金拨付), with its voucher number: only after a
/// passed acceptance (先验收后拨付), at most the approved amount (the approved amount unless said). The household's
/// measure is then done, with the amount paid and its effect: 住房已安全.
/// </summary>
public sealed class PayHousingCase(Database database)
{
    public sealed record Request(Guid CaseId, int Version, DateOnly PaidOn, string Voucher, decimal? Amount = null);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var c = await HousingCaseSteps.OpenAsync(db, database.Actor, request.CaseId, request.Version, HousingAction.Pay, ct);
        var problems = new List<Problem>();
        if (HousingCases.CheckDay(c, request.PaidOn, database.Clock.Today(), "paidOn") is { } day) problems.Add(day);
        if (HousingCases.CheckText(request.Voucher, "voucher", new LocalText("拨付凭证号", "voucher number"), required: true, max: 100) is { } voucher) problems.Add(voucher);
        var approved = c.Amount ?? Money.Zero;
        var yuan = request.Amount ?? approved.Yuan;
        if (yuan <= 0 || yuan != decimal.Round(yuan, 2))
            problems.Add(new Problem("amount", "housing.amount", new LocalText($"拨付金额须大于0，最多两位小数，填写的是 {yuan}", $"The amount paid must be above 0 with at most two decimals: {yuan}")));
        else if (Money.FromYuan(yuan) > approved)
            problems.Add(new Problem("amount", "housing.amount", new LocalText($"拨付金额 {yuan} 元超过审批的补助 {approved} 元", $"The amount paid, {yuan} yuan, is more than the {approved} yuan approved")));
        HousingCaseSteps.ThrowIf(problems);
        c.PaidOn = request.PaidOn;
        c.PaidAmount = Money.FromYuan(yuan);
        c.PaymentVoucher = request.Voucher.Trim();
        return await HousingCaseSteps.SaveAsync(db, c, HousingStep.Paid, $"住房项目拨付：{c.PaymentVoucher}", ct);
    }
}
