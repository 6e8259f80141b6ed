using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Adds a measure to a household's plan for a year, or changes one (with the version the user saw): its progress,
/// and once done, its effect. The rules of a measure are checked here, each problem named by its field; a line
/// department may write only the kinds it answers for (checked again at save time), others their area's households.
/// An edge household under watch (边缘户, <see cref="Request.EdgeHouseholdId"/>) gets measures the same way, for the
/// household as a whole.
/// </summary>
public sealed class RecordMeasure(Database database)
{
    public sealed record Fields(
        int Year, MeasureType Type, string Content, decimal Amount = 0, decimal ExpectedIncome = 0, Guid? MemberId = null, Guid? CadreId = null,
        DateOnly? PlannedOn = null, DateOnly? DoneOn = null, MeasureStatus Status = MeasureStatus.Planned, decimal? EffectIncome = null, string? EffectNote = null);

    public sealed record Request(Guid HouseholdId, Fields Measure, Guid? Id = null, int? Version = null, string? Reason = null, Guid? EdgeHouseholdId = null);

    public sealed record Saved(Guid Id, int Version, bool Created);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        var f = request.Measure;
        if (!AssistanceAccess.CanWriteMeasure(actor, f.Type))
            throw new ForbiddenException(actor.Role == Domain.Accounts.Role.LineDepartment
                ? new LocalText("行业部门只能录入本部门负责的帮扶措施", "A line department records only the measures it is responsible for")
                : new LocalText("当前角色不能修改帮扶数据", "This role may not change assistance records"));
        var problems = Check(f);
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        await using var db = database.Open();
        var household = request.EdgeHouseholdId is { } edgeId
            ? await db.EdgeHouseholds.AsNoTracking().Where(h => h.Id == edgeId).Select(h => new Owner(null, h.Id, h.CountyId, h.TownshipId, h.VillageId)).FirstOrDefaultAsync(ct)
                ?? throw EdgeHouseholdsOf.NotFound()
            : await db.Households.AsNoTracking().Where(h => h.Id == request.HouseholdId).Select(h => new Owner(h.Id, null, h.CountyId, h.TownshipId, h.VillageId)).FirstOrDefaultAsync(ct)
                ?? throw RegistryMapping.HouseholdNotFound();
        if (f.MemberId is { } memberId && (household.Edge is not null || !await db.Members.AnyAsync(m => m.Id == memberId && m.HouseholdId == household.Id, ct)))
            throw new InvalidRequestException([new Problem("memberId", "measure.member", new LocalText("所选成员不是本户成员", "The member chosen is not of this household"))]);
        if (f.CadreId is { } cadreId) await AssistanceAccess.CadreInCountyAsync(db, actor, cadreId, ct);

        Measure measure;
        var created = request.Id is null;
        if (request.Id is { } id)
        {
            measure = await AssistanceAccess.Readable(db.Measures, actor).FirstOrDefaultAsync(m => m.Id == id && m.HouseholdId == household.Id && m.EdgeHouseholdId == household.Edge, ct)
                ?? throw new NotFoundException(new LocalText("找不到该帮扶措施", "No such measure"));
            if (request.Version != measure.Version)
                throw new ConflictException(new LocalText("该措施已被他人修改，请重新打开后再保存", "Someone else changed this measure; reopen and save again"));
            db.Entry(measure).Property(m => m.Version).OriginalValue = measure.Version;
            measure.Version++;
            // A reviewed measure that changes is no longer what was reviewed.
            measure.ReviewedBy = null;
            measure.ReviewedAt = null;
        }
        else
        {
            measure = new Measure
            {
                Id = Guid.CreateVersion7(), HouseholdId = household.Id, EdgeHouseholdId = household.Edge, CountyId = household.CountyId, TownshipId = household.TownshipId, VillageId = household.VillageId,
                Content = string.Empty, RecordedBy = actor.UserName, Version = 1,
            };
            db.Measures.Add(measure);
        }
        measure.Year = f.Year;
        measure.Type = f.Type;
        measure.Content = f.Content.Trim();
        measure.Amount = Money.FromYuan(f.Amount);
        measure.ExpectedIncome = Money.FromYuan(f.ExpectedIncome);
        measure.MemberId = f.MemberId;
        measure.CadreId = f.CadreId;
        measure.PlannedOn = f.PlannedOn;
        measure.DoneOn = f.DoneOn;
        measure.Status = f.Status;
        measure.EffectIncome = f.EffectIncome is { } e ? Money.FromYuan(e) : null;
        measure.EffectNote = string.IsNullOrWhiteSpace(f.EffectNote) ? null : f.EffectNote.Trim();
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该措施刚被他人保存，请重新打开后再保存", "Someone else saved this measure just now; reopen and save again"));
        }
        return new Saved(measure.Id, measure.Version, created);
    }

    /// <summary>The rules of one measure, each problem named by its field (also what the import reports per row).</summary>
    public static List<Problem> Check(Fields f)
    {
        var problems = new List<Problem>();
        if (f.Year is < WorkYear.FirstYear or > 2100)
            problems.Add(new Problem("year", "measure.year", new LocalText($"年度须在 {WorkYear.FirstYear} 年以后，填写的是 {f.Year}", $"The year must be {WorkYear.FirstYear} or later: {f.Year}")));
        if (!Enum.IsDefined(f.Type))
            problems.Add(new Problem("type", "measure.type", new LocalText("请选择措施类型", "Choose the kind of measure")));
        if (!Enum.IsDefined(f.Status))
            problems.Add(new Problem("status", "measure.status", new LocalText("请选择措施状态", "Choose the measure's status")));
        if (string.IsNullOrWhiteSpace(f.Content))
            problems.Add(new Problem("content", "measure.content", new LocalText("请填写措施内容", "Describe the measure")));
        else if (f.Content.Trim().Length > 500)
            problems.Add(new Problem("content", "measure.content", new LocalText("措施内容不能超过500个字", "A measure's description has at most 500 characters")));
        CheckYuan(f.Amount, "amount", new LocalText("投入金额", "Amount"), problems);
        CheckYuan(f.ExpectedIncome, "expectedIncome", new LocalText("预期增收", "Expected income"), problems);
        if (f.EffectIncome is { } effect) CheckYuan(effect, "effectIncome", new LocalText("实际增收", "Income added"), problems);
        if (f.EffectNote is { Length: > 500 })
            problems.Add(new Problem("effectNote", "measure.effect", new LocalText("成效说明不能超过500个字", "The effect has at most 500 characters")));
        if (f.Status == MeasureStatus.Done && f.DoneOn is null)
            problems.Add(new Problem("doneOn", "measure.done_on", new LocalText("已完成的措施须填写完成日期", "A measure marked done needs the day it was done")));
        if (f.Status != MeasureStatus.Done && f.DoneOn is not null)
            problems.Add(new Problem("doneOn", "measure.done_on", new LocalText("只有已完成的措施才填写完成日期", "Only a measure marked done has a day it was done")));
        if (f.Status != MeasureStatus.Done && (f.EffectIncome is not null || !string.IsNullOrWhiteSpace(f.EffectNote)))
            problems.Add(new Problem("effectIncome", "measure.effect", new LocalText("成效在措施完成后填写", "The effect is recorded once the measure is done")));
        if (f.DoneOn is { } done && done.Year < f.Year)
            problems.Add(new Problem("doneOn", "measure.done_on", new LocalText($"完成日期 {done:yyyy-MM-dd} 早于措施年度 {f.Year}", $"Done on {done:yyyy-MM-dd}, before the measure's year {f.Year}")));
        return problems;
    }

    private static void CheckYuan(decimal yuan, string field, LocalText name, List<Problem> problems)
    {
        if (yuan < 0) problems.Add(new Problem(field, "measure.amount", new LocalText($"{name.Zh}不能为负数，填写的是 {yuan}", $"{name.En} cannot be negative: {yuan}")));
        else if (yuan != decimal.Round(yuan, 2)) problems.Add(new Problem(field, "measure.amount", new LocalText($"{name.Zh}最多保留两位小数（分），填写的是 {yuan}", $"{name.En} has more than two decimals: {yuan}")));
        else if (yuan > 100_000_000m) problems.Add(new Problem(field, "measure.amount", new LocalText($"{name.Zh}超过一亿元，请核实：{yuan}", $"{name.En} is over 100 million yuan; check it: {yuan}")));
    }

    private sealed record Owner(Guid? Id, Guid? Edge, Guid CountyId, Guid TownshipId, Guid VillageId);
}
