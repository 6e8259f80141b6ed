using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Plan;

/// <summary>
/// What the working year still lacks before its figures can be computed (年度配置检查): the working year
/// itself, the year's poverty line, the county's exit standards, the plan's target for the year, the
/// year's incomes and village conditions. Each gap says what is missing, what it stops, and where to fix it.
/// </summary>
public sealed class CheckYearSetup(Database database, GetWorkingYear workingYear)
{
    /// <summary>A gap: <c>Blocking</c> gaps stop a figure (it is shown as not computed); the others weaken it.</summary>
    public sealed record Gap(string Code, bool Blocking, LocalText Text, string Link, LocalText LinkText);

    public sealed record Result(int Year, bool YearSet, IReadOnlyList<Gap> Gaps);

    public const string YearNotSet = "year.not_set", PovertyLineMissing = "poverty_line.missing", StandardsDefault = "standards.default",
        PlanMissing = "plan.missing", PlanYearMissing = "plan.year_missing", IncomesMissing = "incomes.missing", ConditionsMissing = "conditions.missing";

    public async Task<Result> HandleAsync(CancellationToken ct = default)
    {
        var year = await workingYear.HandleAsync(ct);
        var y = year.Year;
        var gaps = new List<Gap>();
        if (!year.Set)
            gaps.Add(new Gap(YearNotSet, false,
                new LocalText($"工作年度未设置，各页面暂按日历年 {y} 年显示", $"The working year is not set, so pages use the calendar year {y}"),
                "/#working-year", new LocalText("设置工作年度", "Set the working year")));

        await using var db = database.Open();
        if (!await db.PovertyLines.AsNoTracking().AnyAsync(l => l.Year == y, ct))
            gaps.Add(new Gap(PovertyLineMissing, true,
                new LocalText($"{y} 年国家扶贫标准未设置：户的退出评估、村和乡镇的出列评估、收入预警都无法计算", $"The {y} poverty line is not set: household and village exit assessments and income warnings cannot be computed"),
                "/exit/standards", new LocalText("设置扶贫标准", "Set the poverty line")));

        var county = await db.Counties.AsNoTracking().OrderBy(c => c.Code)
            .Where(c => db.Actor.Scope.Level == AreaLevel.Everything || c.Id == db.Actor.Scope.CountyId).Select(c => new { c.Id }).FirstOrDefaultAsync(ct);
        if (county is not null && !await db.ExitStandards.AsNoTracking().AnyAsync(s => s.CountyId == county.Id, ct))
            gaps.Add(new Gap(StandardsDefault, false,
                new LocalText("退出标准尚未经县里确认，正在使用国家默认值", "The county has not confirmed its exit standards; the national defaults apply"),
                "/exit/standards", new LocalText("确认退出标准", "Confirm the exit standards")));

        var plan = await GetPlan.CurrentAsync(db, database.Actor, ct);
        if (plan is null)
            gaps.Add(new Gap(PlanMissing, true,
                new LocalText("尚未载入减贫方案：进度、目标和预警都无法计算", "No plan is loaded: progress, targets and warnings cannot be computed"),
                "/plan", new LocalText("查看减贫方案", "Open the plan")));
        else if (!plan.Parse().Years.Any(p => p.Year == y))
            gaps.Add(new Gap(PlanYearMissing, false,
                new LocalText($"减贫方案没有 {y} 年的减贫目标：该年的进度无目标可比", $"The plan has no target for {y}: that year's progress has nothing to compare with"),
                "/plan", new LocalText("编辑减贫方案", "Edit the plan")));

        if (!await db.Incomes.AsNoTracking().AnyAsync(i => i.Year == y, ct))
            gaps.Add(new Gap(IncomesMissing, false,
                new LocalText($"还没有任何户录入 {y} 年收入：户的收入标准无法核对", $"No household has a {y} income yet: the income standard cannot be checked"),
                "/households", new LocalText("录入收入", "Record incomes")));
        if (!await db.VillageConditions.AsNoTracking().AnyAsync(c => c.Year == y, ct))
            gaps.Add(new Gap(ConditionsMissing, false,
                new LocalText($"还没有村报送 {y} 年基础设施情况：村出列的基础设施指标无法核对", $"No village has reported its {y} conditions: the village infrastructure criteria cannot be checked"),
                "/conditions", new LocalText("填报基础设施", "Report conditions")));
        return new Result(y, year.Set, gaps);
    }
}
