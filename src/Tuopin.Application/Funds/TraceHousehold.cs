using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// Every yuan that reached a household (农户资金追溯): each payment and refund with its source (document, level, category),
/// its project, its subsidy type, the measure it paid and the bank card (一卡通: bank and last four digits) it went to. A village officer reads their own village's households only
/// (any other household does not exist for them), as the registry's area rule says.
/// </summary>
public sealed class TraceHousehold(Database database)
{
    public sealed record Line(Guid DisbursementId, DateOnly PaidOn, decimal Amount, string? SubsidyType, Guid? MeasureId, bool IsRefund, string? VoucherNumber,
        Guid SourceId, string SourceDocument, FundLevel Level, IntegrationCategory Category, Guid ProjectId, string ProjectCode, string ProjectName, string? Card = null);

    public sealed record Result(Guid HouseholdId, string Number, string Head, string Township, string Village, decimal Total, IReadOnlyList<Line> Lines);

    public async Task<Result> HandleAsync(string number, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!FundsAccess.CanReadLedger(actor) && actor.Role != Domain.Accounts.Role.VillageOfficer)
            throw new ForbiddenException(new LocalText("当前角色不能查看农户资金", "This role may not read household payments"));
        await using var db = database.Open();
        var key = number.Trim();
        var h = await db.Households.AsNoTracking().Where(x => x.Number == key)
            .Select(x => new { x.Id, x.Number, x.VillageId, Village = db.Villages.Where(v => v.Id == x.VillageId).Select(v => v.Name).FirstOrDefault(), Township = db.Townships.Where(t => t.Id == x.TownshipId).Select(t => t.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(ct) ?? throw FundsAccess.HouseholdNotFound();
        var head = await db.Members.AsNoTracking().Where(m => m.HouseholdId == h.Id && m.Relation == Domain.Registry.Relation.Head).Select(m => m.Name).FirstOrDefaultAsync(ct) ?? "";
        var rows = await (from d in db.Disbursements.AsNoTracking()
                          where d.HouseholdId == h.Id
                          join s in db.FundSources on d.FundSourceId equals s.Id
                          join p in db.Projects on d.ProjectId equals p.Id
                          orderby d.PaidOn, d.CreatedAt
                          select new { d.Id, d.PaidOn, d.Amount, d.SubsidyType, d.MeasureId, d.RefundOfId, d.VoucherNumber, d.CardBank, d.CardTail, SourceId = s.Id, s.DocumentNumber, s.Level, s.Category, ProjectId = p.Id, p.Code, p.Name }).ToListAsync(ct);
        var lines = rows.Select(r => new Line(r.Id, r.PaidOn, r.Amount.Yuan, r.SubsidyType, r.MeasureId, r.RefundOfId != null, r.VoucherNumber, r.SourceId, r.DocumentNumber, r.Level, r.Category, r.ProjectId, r.Code, r.Name, FundRules.ShowCard(r.CardBank, r.CardTail))).ToList();
        return new Result(h.Id, h.Number, head, h.Township ?? "", h.Village ?? "", FundFigures.Sum(rows.Select(r => r.Amount)).Yuan, lines);
    }
}
