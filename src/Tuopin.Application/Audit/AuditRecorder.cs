using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Tuopin.Application.Common;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Conditions;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Audit;

/// <summary>
/// Turns the pending changes of a context into audit entries, added to the same save so that the
/// change and its record commit or fail together. Also stamps times, and refuses changes the
/// actor's role or area does not allow (the use cases check first; this is the last line).
/// </summary>
internal static class AuditRecorder
{
    private static readonly HashSet<Type> Audited =
    [
        typeof(Household), typeof(Member), typeof(HouseholdIncome), typeof(HouseholdStatusChange), typeof(Quality.QualityReview),
        typeof(County), typeof(Township), typeof(Village), typeof(VillageGroup), typeof(Zone),
        typeof(VillageCondition),
        typeof(Plan.PlanVersion),
        typeof(ExitProcedure), typeof(ProcedureStepRecord), typeof(ExitObjection), typeof(Attachment),
        typeof(Evaluation), typeof(EvaluationSample),
        typeof(Domain.Exit.ExitStandards),
        typeof(Setting),
        typeof(AreaExitProcedure), typeof(AreaExitStepRecord), typeof(AreaEvidence),
        typeof(Domain.Assistance.Cadre), typeof(Domain.Assistance.TrainingCourse),
        typeof(Domain.Industry.MarketEntity), typeof(Domain.Industry.MarketEntityVillage),
        typeof(Domain.Credit.GuaranteeFundDeposit), typeof(Domain.Credit.RiskCompensation),
        typeof(Domain.Notices.NoticeObjection),
        typeof(Domain.Funds.FundSource), typeof(Domain.Funds.FundAllocation), typeof(Domain.Funds.Disbursement),
        typeof(Domain.Projects.Project), typeof(Domain.Projects.ProjectVillage), typeof(Domain.Projects.ProjectStepRecord), typeof(Domain.Projects.ProjectDocument),
        typeof(Domain.Organisation.OrgUnit), typeof(Domain.Organisation.UnitPerson), typeof(Domain.Organisation.TargetResponsibility),
        typeof(Domain.Supervision.Inspection), typeof(Domain.Supervision.Finding), typeof(Domain.Supervision.FindingEvidence), typeof(Domain.Supervision.AccountabilityCase),
    ];

    // Bookkeeping that would only repeat what the entry's own timestamp says, or (a member's place)
    // what the household's own entry says.
    private static readonly HashSet<string> Quiet = ["Version", "CreatedAt", "UpdatedAt"];
    private static readonly HashSet<string> QuietForMembers = ["CountyId", "TownshipId", "VillageId", "HouseholdId"];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // households: the place of every household the changed household-owned records name (HouseholdMoves.DeriveAsync).
    public static void Record(TuopinDb db, IReadOnlyDictionary<Guid, HouseholdMoves.Place> households)
    {
        db.ChangeTracker.DetectChanges();
        // An official above the county writes nothing, on their roll-up or reading a county on their grant (ADR 0016),
        // whatever the record and whether or not a page or use case forgot to ask: only the log of what they read is theirs.
        if (db.Actor.WritesNothing && db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is not (AuditEntry or AuditChainHead)))
            throw ReadOnlyRefused();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var correlation = Guid.CreateVersion7();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && (Audited.Contains(e.Entity.GetType()) || e.Entity is IAreaBound or IHouseholdOwned
                    // Whatever the public changes is guarded and audited, whatever its type.
                    || Notices.PublicReader.IsPublic(db.Actor)))
            .ToList();
        var written = new List<AuditEntry>(entries.Count);
        foreach (var entry in entries)
        {
            Guard(db, entry, households);
            Stamp(entry, now);
            var changes = Describe(db, entry);
            if (changes is null) continue;
            var (township, village) = AreaOf(entry, households);
            var audit = new AuditEntry
            {
                Id = Guid.CreateVersion7(),
                At = now,
                UserId = db.Actor.UserId,
                UserName = db.Actor.UserName,
                Action = entry.State switch
                {
                    EntityState.Added => AuditAction.Insert,
                    EntityState.Deleted => AuditAction.Delete,
                    _ => AuditAction.Update,
                },
                EntityType = entry.Entity.GetType().Name,
                EntityId = entry.Entity is Setting setting ? SettingId(setting.Key) : (Guid)entry.Property("Id").CurrentValue!,
                HouseholdId = HouseholdOf(entry),
                TownshipId = township,
                VillageId = village,
                CountyId = CountyOf(entry, households),
                Changes = changes,
                Reason = db.ChangeReason,
                CorrelationId = correlation,
                Client = db.Actor.Client,
            };
            db.AuditEntries.Add(audit);
            written.Add(audit);
        }
        // A record with no county key of its own (a project's villages and steps, a market entity's villages, a village
        // group) is saved with its county's records: it takes the county the save's other entries share, when they share
        // one; else the actor's, given when the entries are sealed (AuditChain.SealAsync).
        var counties = written.Where(e => e.CountyId is not null).Select(e => e.CountyId).Distinct().Take(2).ToList();
        if (counties.Count == 1)
            foreach (var e in written) e.CountyId ??= counties[0];
    }

    /// <summary>The refusal of any write by an official above the county (<see cref="Accounts.Actor.WritesNothing"/>): the save guard's and the bulk writer's.</summary>
    internal static ForbiddenException ReadOnlyRefused() => new(new LocalText(
        "市州、省级账号只能查阅，不能修改任何记录", "A prefecture's or province's account reads only; it changes no record"));

    /// <summary>A setting's entries share one id, made from its key (settings are keyed by name, not by a GUID).</summary>
    public static Guid SettingId(string key) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("setting:" + key)).AsSpan(0, 16));

    private static void Guard(TuopinDb db, EntityEntry entry, IReadOnlyDictionary<Guid, HouseholdMoves.Place> households)
    {
        var actor = db.Actor;
        // A county's record (ICountyBound, which every area-bound record is) is written by its own county's users alone, before
        // and after the change, whatever its type; the rules below then say which of them (and where in the county).
        if (entry.Entity is ICountyBound && !InCounty(actor, entry))
            throw new ForbiddenException(new LocalText("该记录属于其他县，不在您的管辖范围内", "This record is another county's, outside your area"));
        // The outside evaluation is the county's and its evaluators' (督办评估组), over the whole county.
        if (entry.Entity is Evaluation or EvaluationSample)
        {
            if (actor.Role is not (Domain.Accounts.Role.CountyAdmin or Domain.Accounts.Role.Inspector) || actor.Scope.Level is not (Domain.Accounts.AreaLevel.Everything or Domain.Accounts.AreaLevel.County))
                throw new ForbiddenException(new LocalText("第三方评估由县扶贫办或评估组记录", "The county office or the evaluators record the evaluation"));
            return;
        }
        // The county's roster of cadres: kept by the county office and the townships, whose cadres pair households.
        if (entry.Entity is Domain.Assistance.Cadre)
        {
            if (actor.Role is not (Domain.Accounts.Role.CountyAdmin or Domain.Accounts.Role.TownshipOfficer))
                throw new ForbiddenException(new LocalText("只有县、乡镇扶贫办可以登记帮扶责任人", "Only the county and township offices register cadres"));
            return;
        }
        // The county's courses: kept by the county and township offices and the departments that run them.
        if (entry.Entity is Domain.Assistance.TrainingCourse)
        {
            if (actor.Role is not (Domain.Accounts.Role.CountyAdmin or Domain.Accounts.Role.TownshipOfficer or Domain.Accounts.Role.LineDepartment))
                throw new ForbiddenException(new LocalText("只有县、乡镇扶贫办和行业部门可以登记培训班", "Only the county and township offices and the departments register courses"));
            return;
        }
        // The county's market entities: registered by the county and township offices and the agriculture department.
        if (entry.Entity is Domain.Industry.MarketEntity or Domain.Industry.MarketEntityVillage)
        {
            if (!Industry.IndustryAccess.CanRegisterEntity(actor))
                throw new ForbiddenException(new LocalText("只有县、乡镇扶贫办和农业部门可以登记市场主体", "Only the county and township offices and the agriculture department register market entities"));
            return;
        }
        // The public raises objections to the notices without signing in (the one thing it may write); the responsible unit answers them.
        if (entry.Entity is Domain.Notices.NoticeObjection objection)
        {
            // The operator too (the demo's objections).
            if (entry.State == EntityState.Added && (Notices.PublicReader.IsPublic(actor) || actor.Scope.Level == Domain.Accounts.AreaLevel.Everything && actor.UserId is null && actor.Role == Domain.Accounts.Role.CountyAdmin)) return;
            if (entry.State != EntityState.Modified || !Notices.NoticesAccess.CanAnswer(actor, objection) || !InArea(actor, entry, households))
                throw new ForbiddenException(new LocalText("公示异议由公众提出，由责任单位答复", "Objections are raised by the public and answered by the responsible unit"));
            return;
        }
        // An objection holds a project, and the last answer releases it: the public may change that flag and nothing else.
        if (entry.Entity is Domain.Projects.Project && Notices.PublicReader.IsPublic(actor))
        {
            if (entry.State != EntityState.Modified || entry.Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)
                    && p.Metadata.Name is not (nameof(Domain.Projects.Project.HeldByObjection) or nameof(Domain.Projects.Project.Version) or nameof(Domain.Projects.Project.UpdatedAt))))
                throw new ForbiddenException(new LocalText("公众只能对公示提出异议", "The public may only object to a notice"));
            return;
        }
        if (Notices.PublicReader.IsPublic(actor))
            throw new ForbiddenException(new LocalText("公众只能对公示提出异议", "The public may only object to a notice"));
        // The fund ledger: the county's sources and allocations; payments by the projects' responsible units (FundsAccess).
        if (entry.Entity is Domain.Funds.FundSource or Domain.Funds.FundAllocation or Domain.Funds.Disbursement)
        {
            GuardFunds(actor, entry);
            return;
        }
        // The project library: the county office, the responsible township or department; inspectors only flag (Projects.ProjectAccess).
        // 户受益公示: published by the county office alone (Notices.PublishBenefitNotice).
        if (entry.Entity is Domain.Notices.BenefitNotice)
        {
            if (actor.Role != Domain.Accounts.Role.CountyAdmin || !InArea(actor, entry, households))
                throw new ForbiddenException(new LocalText("户受益公示由县扶贫办发布", "The county office publishes household-benefit lists"));
            return;
        }
        if (entry.Entity is Domain.Projects.Project or Domain.Projects.ProjectVillage or Domain.Projects.ProjectStepRecord or Domain.Projects.ProjectBeneficiary or Domain.Projects.ProjectDocument)
        {
            GuardProject(actor, entry, households);
            return;
        }
        // The organisation (units, their people, the plan's responsible units): the county administrator's, of their own county.
        if (entry.Entity is Domain.Organisation.OrgUnit or Domain.Organisation.UnitPerson or Domain.Organisation.TargetResponsibility)
        {
            if (!Organisation.OrganisationAccess.CanWrite(actor))
                throw new ForbiddenException(new LocalText("只有县扶贫办可以修改组织机构", "Only the county office changes the organisation"));
            return;
        }
        // Supervision: inspectors and the county office record inspections, findings and cases; the responsible area rectifies (Supervision.SupervisionAccess).
        if (entry.Entity is Domain.Supervision.Inspection or Domain.Supervision.Finding or Domain.Supervision.FindingEvidence or Domain.Supervision.AccountabilityCase)
        {
            if (!Supervision.SupervisionAccess.MayWrite(actor, entry.Entity, entry.State == EntityState.Added))
                throw new ForbiddenException(new LocalText("当前角色不能修改该督查记录", "This role may not change this supervision record"));
            return;
        }
        if (entry.Entity is not (IAreaBound or IHouseholdOwned))
        {
            if (actor.Scope.Level is not (Domain.Accounts.AreaLevel.Everything or Domain.Accounts.AreaLevel.County) || actor.Role != Domain.Accounts.Role.CountyAdmin)
                throw new ForbiddenException(entry.Entity switch
                {
                    Domain.Exit.ExitStandards => new LocalText("只有县级管理员可以修改退出标准", "Only a county administrator may change the exit standards"),
                    Setting => new LocalText("只有县级管理员可以修改系统设置", "Only a county administrator may change settings"),
                    _ => new LocalText("只有县级管理员可以修改区划数据", "Only a county administrator may change places"),
                });
            return;
        }
        if (entry.Entity is VillageCondition)
        {
            if (!actor.CanWriteConditions)
                throw new ForbiddenException(new LocalText("当前角色不能修改村级基础设施数据", "This role may not change village conditions"));
            if (!InArea(actor, entry, households))
                throw new ForbiddenException(new LocalText("该村不在您的管辖范围内", "This village is outside your area"));
            if (actor.Role == Domain.Accounts.Role.LineDepartment) GuardDepartment(actor, entry);
            return;
        }
        // A line department writes the measures of its own kinds (教育局 the education aid…), across the county.
        if (entry.Entity is Domain.Assistance.Measure && actor.Role == Domain.Accounts.Role.LineDepartment)
        {
            var types = new[] { entry.Property(nameof(Domain.Assistance.Measure.Type)).CurrentValue, entry.State == EntityState.Added ? null : entry.Property(nameof(Domain.Assistance.Measure.Type)).OriginalValue };
            if (actor.Department is not { } department || types.OfType<Domain.Assistance.MeasureType>().Any(t => Domain.Assistance.MeasureTypes.DepartmentOf(t) != department))
                throw new ForbiddenException(new LocalText("行业部门只能录入本部门负责的帮扶措施", "A line department records only the measures it is responsible for"));
            if (!InArea(actor, entry, households))
                throw new ForbiddenException(new LocalText("该户不在您的管辖范围内", "This household is outside your area"));
            return;
        }
        if (!actor.CanWriteRegistry)
            throw new ForbiddenException(new LocalText("当前角色不能修改建档立卡数据", "This role may not change the registry"));
        if (!InArea(actor, entry, households))
            throw new ForbiddenException(entry.Entity switch
            {
                Household or Quality.QualityReview => new LocalText("该户不在您的管辖范围内", "This household is outside your area"),
                Member => new LocalText("该成员不在您的管辖范围内", "This member is outside your area"),
                _ => new LocalText("该记录不在您的管辖范围内", "This record is outside your area"),
            });
    }

    private static readonly HashSet<string> PaymentTotals = [nameof(Domain.Funds.FundAllocation.Disbursed), "Version", "UpdatedAt"];

    /// <summary>
    /// Sources and allocations are the county administrator's; a payment (added, never changed) and the allocation's running
    /// total it moves may also be written by a role that records payments (the use case checks the project is theirs).
    /// </summary>
    private static void GuardFunds(Accounts.Actor actor, EntityEntry entry)
    {
        var allowed = Funds.FundsAccess.CanManage(actor) && entry.State != EntityState.Deleted
            || Funds.FundsAccess.CanDisburseAny(actor) && entry.Entity switch
            {
                Domain.Funds.Disbursement => entry.State == EntityState.Added,
                Domain.Funds.FundAllocation => entry.State == EntityState.Modified && entry.Properties.Where(p => p.IsModified).All(p => PaymentTotals.Contains(p.Metadata.Name)),
                _ => false,
            };
        if (!allowed)
            throw new ForbiddenException(new LocalText("资金来源和分配由县级管理员登记，资金支付由项目责任单位录入", "The county administrator registers sources and allocations; a project's responsible unit records its payments"));
    }

    /// <summary>Whether a county's record is of the actor's county, before and after the change (the operator's: any county).</summary>
    private static bool InCounty(Accounts.Actor actor, EntityEntry entry)
    {
        if (actor.Scope.Level == Domain.Accounts.AreaLevel.Everything) return true;
        var county = entry.Property(nameof(ICountyBound.CountyId));
        return (Guid)county.CurrentValue! == actor.Scope.CountyId
            && (entry.State == EntityState.Added || (Guid)county.OriginalValue! == actor.Scope.CountyId);
    }

    /// <summary>
    /// Whether the record is in the actor's area, before and after the change: a household's record by its
    /// household's place (the old household's too when it changes household), any other by its own area keys.
    /// </summary>
    private static bool InArea(Accounts.Actor actor, EntityEntry entry, IReadOnlyDictionary<Guid, HouseholdMoves.Place> households)
    {
        if (entry.Entity is IHouseholdOwned owned && households.TryGetValue(owned.HouseholdId, out var place))
        {
            if (!actor.Scope.Covers(place.CountyId, place.TownshipId, place.VillageId)) return false;
            return entry.State != EntityState.Modified
                || entry.Property(nameof(IHouseholdOwned.HouseholdId)).OriginalValue is not Guid before
                || !households.TryGetValue(before, out var old)
                || actor.Scope.Covers(old.CountyId, old.TownshipId, old.VillageId);
        }
        if (entry.Entity is not IAreaBound area) return true;
        if (!actor.Scope.Covers(area.CountyId, area.TownshipId, area.VillageId)) return false;
        return entry.State != EntityState.Modified
            || actor.Scope.Covers((Guid)entry.Property(nameof(IAreaBound.CountyId)).OriginalValue!,
                (Guid)entry.Property(nameof(IAreaBound.TownshipId)).OriginalValue!,
                (Guid)entry.Property(nameof(IAreaBound.VillageId)).OriginalValue!);
    }

    private static readonly HashSet<string> FlagFields = ["Flagged", "FlagReason", "Version", "UpdatedAt"];

    /// <summary>A project is written by the county office or its responsible unit (before and after the change); an inspector changes only its flag.</summary>
    private static void GuardProject(Accounts.Actor actor, EntityEntry entry, IReadOnlyDictionary<Guid, HouseholdMoves.Place> households)
    {
        if (actor.Scope.Level == Domain.Accounts.AreaLevel.Everything) return;
        var refused = new LocalText("当前角色不能修改该项目", "This role may not change this project");
        switch (entry.Entity)
        {
            case Domain.Projects.Project p:
                if (actor.Role == Domain.Accounts.Role.Inspector)
                {
                    if (entry.State != EntityState.Modified || entry.Properties.Any(x => x.IsModified && !FlagFields.Contains(x.Metadata.Name))) throw new ForbiddenException(refused);
                    return;
                }
                var before = entry.State == EntityState.Added ? p : new Domain.Projects.Project
                {
                    Code = p.Code, Name = p.Name, OutputUnit = p.OutputUnit, RecordedBy = p.RecordedBy, CountyId = p.CountyId,
                    ResponsibleTownshipId = (Guid?)entry.Property(nameof(p.ResponsibleTownshipId)).OriginalValue,
                    ResponsibleDepartment = (Domain.Accounts.Department?)entry.Property(nameof(p.ResponsibleDepartment)).OriginalValue,
                };
                if (!Projects.ProjectAccess.IsOwner(actor, p) || !Projects.ProjectAccess.IsOwner(actor, before)) throw new ForbiddenException(refused);
                return;
            case Domain.Projects.ProjectDocument:
                // A project's files are filed, never changed (Projects.AttachProjectDocument says who files them).
                if (entry.State != EntityState.Added
                    || actor.Role is not (Domain.Accounts.Role.CountyAdmin or Domain.Accounts.Role.TownshipOfficer or Domain.Accounts.Role.LineDepartment))
                    throw new ForbiddenException(refused);
                return;
            case Domain.Projects.ProjectBeneficiary:
                if (actor.Role is not (Domain.Accounts.Role.CountyAdmin or Domain.Accounts.Role.TownshipOfficer or Domain.Accounts.Role.LineDepartment) || !InArea(actor, entry, households))
                    throw new ForbiddenException(refused);
                return;
            default:
                if (actor.Role is not (Domain.Accounts.Role.CountyAdmin or Domain.Accounts.Role.TownshipOfficer or Domain.Accounts.Role.LineDepartment or Domain.Accounts.Role.Inspector))
                    throw new ForbiddenException(refused);
                return;
        }
    }

    /// <summary>A line department changes only the indicators it answers for, in a record the village or township opened.</summary>
    private static void GuardDepartment(Accounts.Actor actor, EntityEntry entry)
    {
        var mine = ConditionDepartments.FieldsOf(actor.Department);
        if (mine.Count == 0)
            throw new ForbiddenException(new LocalText("该账号未绑定职能部门，不能修改村级指标", "This account belongs to no department and may not change village indicators"));
        if (entry.State != EntityState.Modified)
            throw new ForbiddenException(new LocalText(
                "该村本年度的记录须先由村或乡镇建立，职能部门只更新本部门负责的指标", "The village or township opens the year's record; a department updates only its own indicators"));
        var others = entry.Properties
            .Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && !Quiet.Contains(p.Metadata.Name) && !mine.Contains(p.Metadata.Name))
            .Select(p => p.Metadata.Name)
            .ToList();
        if (others.Count > 0)
        {
            var department = Domain.Accounts.Departments.Name(actor.Department!.Value);
            throw new ForbiddenException(new LocalText(
                $"{department.Zh}只能修改本部门负责的指标，不能修改：{string.Join("、", others.Select(ConditionFieldName))}",
                $"The {department.En} changes only its own indicators, not: {string.Join(", ", others)}"));
        }
    }

    private static string ConditionFieldName(string property) => property switch
    {
        nameof(VillageCondition.HardenedRoad) => "行政村通硬化路",
        nameof(VillageCondition.BusService) => "通客运班车",
        nameof(VillageCondition.NaturalVillages) => "自然村数",
        nameof(VillageCondition.NaturalVillagesWithRoad) => "通硬化路自然村数",
        nameof(VillageCondition.NaturalVillagesWithPower) => "通生产用电自然村数",
        nameof(VillageCondition.Households) => "农户数",
        nameof(VillageCondition.PipedWaterHouseholds) => "大管网供水户数",
        nameof(VillageCondition.SafeWaterHouseholds) => "安全饮水户数",
        nameof(VillageCondition.ElectricityHouseholds) => "通电户数",
        nameof(VillageCondition.RadioTvHouseholds) => "广播电视入户数",
        nameof(VillageCondition.Broadband) => "通宽带",
        nameof(VillageCondition.MobileSignal) => "移动信号覆盖",
        nameof(VillageCondition.SchoolOrKindergarten) => "学校或幼儿园",
        nameof(VillageCondition.Clinic) => "标准化卫生室",
        nameof(VillageCondition.ServiceCentre) => "便民服务中心",
        nameof(VillageCondition.CulturalCentre) => "文化活动室",
        nameof(VillageCondition.Note) => "备注",
        _ => property,
    };

    private static void Stamp(EntityEntry entry, DateTime now)
    {
        switch (entry.Entity)
        {
            case Household h:
                if (entry.State == EntityState.Added) h.CreatedAt = now;
                h.UpdatedAt = now;
                break;
            case Member m:
                if (entry.State == EntityState.Added) m.CreatedAt = now;
                m.UpdatedAt = now;
                break;
            case VillageCondition c:
                c.UpdatedAt = now;
                break;
            case Domain.Funds.FundSource f:
                if (entry.State == EntityState.Added) f.CreatedAt = now;
                f.UpdatedAt = now;
                break;
            case Domain.Funds.FundAllocation a:
                if (entry.State == EntityState.Added) a.CreatedAt = now;
                a.UpdatedAt = now;
                break;
            case Domain.Funds.Disbursement d:
                if (entry.State == EntityState.Added) d.CreatedAt = now;
                break;
            case ExitProcedure p:
                if (entry.State == EntityState.Added) p.CreatedAt = now;
                p.UpdatedAt = now;
                break;
            case AreaExitProcedure a:
                if (entry.State == EntityState.Added) a.CreatedAt = now;
                a.UpdatedAt = now;
                break;
            case Domain.Notices.NoticeObjection o:
                if (entry.State == EntityState.Added) o.CreatedAt = now;
                o.UpdatedAt = now;
                break;
            case Domain.Supervision.Inspection i:
                if (entry.State == EntityState.Added) i.CreatedAt = now;
                i.UpdatedAt = now;
                break;
            case Domain.Supervision.Finding f:
                if (entry.State == EntityState.Added) f.CreatedAt = now;
                f.UpdatedAt = now;
                break;
            case Domain.Supervision.AccountabilityCase c:
                if (entry.State == EntityState.Added) c.CreatedAt = now;
                c.UpdatedAt = now;
                break;
        }
    }

    private static Guid? HouseholdOf(EntityEntry entry) => entry.Entity switch
    {
        Household h => h.Id,
        Member m => m.HouseholdId,
        HouseholdIncome i => i.HouseholdId,
        HouseholdStatusChange c => c.HouseholdId,
        Quality.QualityReview r => r.HouseholdId,
        ExitProcedure p => p.HouseholdId,
        ProcedureStepRecord s => s.HouseholdId,
        ExitObjection o => o.HouseholdId,
        Attachment a => a.HouseholdId,
        Domain.Assistance.Measure m => m.HouseholdId,
        Domain.Assistance.CadreAssignment a => a.HouseholdId,
        Domain.Assistance.MonitoringCase c => c.HouseholdId,
        Domain.Industry.IndustryParticipation p => p.HouseholdId,
        Domain.Credit.Loan l => l.HouseholdId,
        Domain.Credit.Repayment r => r.HouseholdId,
        IHouseholdOwned o => o.HouseholdId,
        _ => null,
    };

    /// <summary>
    /// The township and village of a changed record: a household's records take their household's place (after a
    /// move, the new one), other area-bound records their own; a record of no area (settings, the plan, accounts)
    /// none. A township-level record has no village.
    /// </summary>
    private static (Guid? Township, Guid? Village) AreaOf(EntityEntry entry, IReadOnlyDictionary<Guid, HouseholdMoves.Place> households)
    {
        if (entry.Entity is IHouseholdOwned owned && households.TryGetValue(owned.HouseholdId, out var place))
            return (Known(place.TownshipId), Known(place.VillageId));
        if (entry.Entity is IAreaBound bound) return (Known(bound.TownshipId), Known(bound.VillageId));
        return entry.Entity switch
        {
            Village v => (Known(v.TownshipId), v.Id),
            Township t => (t.Id, null),
            Domain.Supervision.Finding f => (f.TownshipId, f.VillageId),
            Domain.Supervision.Inspection i => (i.TownshipId, i.VillageId),
            Domain.Supervision.AccountabilityCase c => (c.TownshipId, c.VillageId),
            _ => (null, null),
        };

        static Guid? Known(Guid id) => id == Guid.Empty ? null : id;
    }

    /// <summary>
    /// The county of a changed record: a household's records take their household's (after a move, the new one), a county's
    /// record (<see cref="ICountyBound"/>) and a place their own; null for a record of no county key (a setting, a project's
    /// village), which the save's or the actor's county is given instead.
    /// </summary>
    private static Guid? CountyOf(EntityEntry entry, IReadOnlyDictionary<Guid, HouseholdMoves.Place> households)
    {
        if (entry.Entity is IHouseholdOwned owned && households.TryGetValue(owned.HouseholdId, out var place)) return AuditCounties.Known(place.CountyId);
        return entry.Entity switch
        {
            ICountyBound bound => AuditCounties.Known(bound.CountyId),
            County c => c.Id,
            Township t => AuditCounties.Known(t.CountyId),
            Village v => AuditCounties.Known(v.CountyId),
            Zone z => AuditCounties.Known(z.CountyId),
            _ => null,
        };
    }

    /// <summary>The changed fields as JSON, or null when an update changed nothing worth recording.</summary>
    private static string? Describe(TuopinDb db, EntityEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            var any = false;
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (name == "Id" || name.EndsWith("Index", StringComparison.Ordinal)) continue;
                // A plan version keeps its whole document itself, for ever; the entry records its change.
                if (entry.Entity is Plan.PlanVersion && name == nameof(Plan.PlanVersion.Document)) continue;
                object? before = entry.State == EntityState.Added ? null : property.OriginalValue;
                object? after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
                // A setting's entry names its key even when only the value changed.
                var named = entry.Entity is Setting && name == nameof(Setting.Key);
                if (entry.State == EntityState.Modified && !named && (Quiet.Contains(name) || Equals(before, after))) continue;
                if (entry.Entity is Member && QuietForMembers.Contains(name)) continue;
                if (entry.State != EntityState.Modified && before is null && after is null) continue;
                var field = name.EndsWith("Cipher", StringComparison.Ordinal) ? name[..^"Cipher".Length] : name;
                json.WritePropertyName(char.ToLowerInvariant(field[0]) + field[1..]);
                json.WriteStartObject();
                json.WritePropertyName("old");
                WriteValue(json, db, name, before);
                json.WritePropertyName("new");
                WriteValue(json, db, name, after);
                json.WriteEndObject();
                any = true;
            }
            json.WriteEndObject();
            if (!any) return null;
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter json, TuopinDb db, string property, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string cipher when property.EndsWith("Cipher", StringComparison.Ordinal):
                // Personal data is never written in clear outside its own column.
                var plain = db.Protector?.Unprotect(cipher);
                json.WriteStringValue(plain is null ? "***" : property.StartsWith("Phone", StringComparison.Ordinal) ? Masking.Phone(plain) : Masking.ResidentId(plain));
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case Money m:
                json.WriteNumberValue(m.Yuan);
                break;
            case int or long or decimal:
                json.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
            case DateOnly d:
                json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime t:
                json.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture));
                break;
            case Enum e:
                json.WriteStringValue(e.ToString());
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
