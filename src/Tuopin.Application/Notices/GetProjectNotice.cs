using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Notices;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Notices;

/// <summary>
/// A project's public notice (项目公示), for anyone: what, where, how much, by whom, the period and the objection channel,
/// and the households it benefits by masked name and village group. A notice not yet started, or gone past the keep-days,
/// is not found.
/// </summary>
public sealed class GetProjectNotice(Database database, TuopinDbFactory factory)
{
    public sealed record Beneficiary(string Name, string Village, string? Group, int Size);

    public sealed record Notice(Guid Id, string Code, string Name, LocalText Category, int Year, IReadOnlyList<string> Places, IReadOnlyList<string> Townships,
        decimal Budget, decimal OutputQuantity, string OutputUnit, string? Contractor, decimal? ContractAmount, string? ApprovalDocumentNumber,
        LocalText ResponsibleUnit, DateOnly StartsOn, DateOnly EndsOn, int DaysLeft, bool Running, bool HeldByObjection,
        string ObjectionPhone, string ObjectionAddress, IReadOnlyList<Beneficiary> Beneficiaries);

    public async Task<Notice> HandleAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = PublicReader.Open(factory, database.Actor.Client);
        var today = database.Clock.Today();
        var keep = await NoticeSettings.KeepDaysAsync(db, ct);
        var p = await db.Projects.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is not { NoticeStartsOn: { } starts, NoticeEndsOn: { } ends } || !NoticeRules.IsShown(starts, ends, today, keep))
            throw new NotFoundException(new LocalText("没有这个公示，或公示尚未开始、已过期", "No such notice, or it has not started or is no longer shown"));
        var places = (await PublicNotices.ProjectPlacesAsync(db, [id], ct)).GetValueOrDefault(id) ?? [];
        var township = p.ResponsibleTownshipId is { } t ? await db.Townships.Where(x => x.Id == t).Select(x => x.Name).FirstAsync(ct) : null;
        var unit = p.ResponsibleDepartment is { } d ? Departments.Name(d)
            : township is not null ? new LocalText(township + "人民政府", township + " township government")
            : new LocalText("县扶贫开发办公室", "The county office");
        var households = await (from b in db.ProjectBeneficiaries.AsNoTracking()
                                join h in db.Households on b.HouseholdId equals h.Id
                                join v in db.Villages on h.VillageId equals v.Id
                                where b.ProjectId == id
                                select new { h.Id, Village = v.Name }).ToListAsync(ct);
        var lines = await PublicNotices.HouseholdLinesAsync(db, households.Select(h => h.Id).ToList(), ct);
        var beneficiaries = households.Select(h => new Beneficiary(lines[h.Id].Name, h.Village, lines[h.Id].Group, lines[h.Id].Size))
            .OrderBy(b => b.Village, StringComparer.Ordinal).ThenBy(b => b.Group, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
        var channel = await NoticeSettings.ChannelAsync(db, ct);
        return new Notice(p.Id, p.Code, p.Name, ProjectCategories.Codes.Name(p.Category), p.Year,
            places.Select(x => x.Township + x.Village).ToList(), places.Select(x => x.Township).Distinct().ToList(),
            p.Budget.Yuan, p.OutputQuantity, p.OutputUnit, p.Contractor, p.ContractAmount?.Yuan, p.ApprovalDocumentNumber,
            unit, starts, ends, NoticeRules.DaysLeft(ends, today), NoticeRules.IsRunning(starts, ends, today), p.HeldByObjection,
            channel.Phone, channel.Address, beneficiaries);
    }
}
