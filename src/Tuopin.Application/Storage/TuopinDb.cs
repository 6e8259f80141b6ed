using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Tuopin.Application.Accounts;
using Tuopin.Application.Audit;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Conditions;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage;

/// <summary>
/// The database of one deployment. Every context belongs to one <see cref="Actor"/>: its area scope
/// filters every query of area-bound records, and every change is audited in its name.
/// Create it through <see cref="TuopinDbFactory"/>.
/// </summary>
public sealed class TuopinDb(DbContextOptions<TuopinDb> options) : IdentityUserContext<User, Guid>(options)
{
    /// <summary>Sees nothing and may change nothing: the state of a context nobody has claimed.</summary>
    public static readonly Actor Nobody = new(null, "nobody", Role.Inspector, AreaScope.Nothing);

    private Actor _actor = Nobody;
    private bool _modelTouched;
    // On a model given in the options (the operator's compiled model, OperatorModel): no filters, whatever the actor.
    private readonly bool _fixedModel = options.FindExtension<CoreOptionsExtension>()?.Model is not null;

    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<Prefecture> Prefectures => Set<Prefecture>();
    public DbSet<County> Counties => Set<County>();
    public DbSet<Plan.CountyTally> CountyTallies => Set<Plan.CountyTally>();
    public DbSet<Plan.CountyTallyStamp> CountyTallyStamps => Set<Plan.CountyTallyStamp>();
    public DbSet<Township> Townships => Set<Township>();
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<VillageGroup> VillageGroups => Set<VillageGroup>();
    public DbSet<Zone> Zones => Set<Zone>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Registry.MemberNameGram> MemberNameGrams => Set<Registry.MemberNameGram>();
    public DbSet<HouseholdIncome> Incomes => Set<HouseholdIncome>();
    public DbSet<HouseholdStatusChange> StatusChanges => Set<HouseholdStatusChange>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<PovertyLine> PovertyLines => Set<PovertyLine>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<Quality.QualityReview> QualityReviews => Set<Quality.QualityReview>();
    public DbSet<VillageCondition> VillageConditions => Set<VillageCondition>();
    public DbSet<Plan.PlanVersion> PlanVersions => Set<Plan.PlanVersion>();
    public DbSet<ExitProcedure> ExitProcedures => Set<ExitProcedure>();
    public DbSet<ProcedureStepRecord> ProcedureSteps => Set<ProcedureStepRecord>();
    public DbSet<ExitObjection> ExitObjections => Set<ExitObjection>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<ExitStandards> ExitStandards => Set<ExitStandards>();
    public DbSet<AreaExitProcedure> AreaExitProcedures => Set<AreaExitProcedure>();
    public DbSet<AreaExitStepRecord> AreaExitSteps => Set<AreaExitStepRecord>();
    public DbSet<AreaEvidence> AreaEvidence => Set<AreaEvidence>();
    public DbSet<Domain.Assistance.Cadre> Cadres => Set<Domain.Assistance.Cadre>();
    public DbSet<Domain.Assistance.CadreAssignment> CadreAssignments => Set<Domain.Assistance.CadreAssignment>();
    public DbSet<Domain.Assistance.WorkTeam> WorkTeams => Set<Domain.Assistance.WorkTeam>();
    public DbSet<Domain.Assistance.Measure> Measures => Set<Domain.Assistance.Measure>();
    public DbSet<Domain.Assistance.MonitoringCase> MonitoringCases => Set<Domain.Assistance.MonitoringCase>();
    public DbSet<Domain.Assistance.EdgeHousehold> EdgeHouseholds => Set<Domain.Assistance.EdgeHousehold>();
    public DbSet<Domain.Assistance.EdgeMember> EdgeMembers => Set<Domain.Assistance.EdgeMember>();
    public DbSet<Domain.Assistance.TrainingCourse> TrainingCourses => Set<Domain.Assistance.TrainingCourse>();
    public DbSet<Domain.Assistance.TrainingAttendance> TrainingAttendances => Set<Domain.Assistance.TrainingAttendance>();
    public DbSet<Domain.Housing.HousingCase> HousingCases => Set<Domain.Housing.HousingCase>();
    public DbSet<Domain.Industry.MarketEntity> MarketEntities => Set<Domain.Industry.MarketEntity>();
    public DbSet<Domain.Industry.MarketEntityVillage> MarketEntityVillages => Set<Domain.Industry.MarketEntityVillage>();
    public DbSet<Domain.Industry.IndustryParticipation> IndustryParticipations => Set<Domain.Industry.IndustryParticipation>();
    public DbSet<Domain.Credit.Loan> Loans => Set<Domain.Credit.Loan>();
    public DbSet<Domain.Credit.Repayment> Repayments => Set<Domain.Credit.Repayment>();
    public DbSet<Domain.Credit.GuaranteeFundDeposit> GuaranteeFundDeposits => Set<Domain.Credit.GuaranteeFundDeposit>();
    public DbSet<Domain.Credit.RiskCompensation> RiskCompensations => Set<Domain.Credit.RiskCompensation>();
    public DbSet<Domain.Projects.Project> Projects => Set<Domain.Projects.Project>();
    public DbSet<Domain.Projects.ProjectVillage> ProjectVillages => Set<Domain.Projects.ProjectVillage>();
    public DbSet<Domain.Projects.ProjectBeneficiary> ProjectBeneficiaries => Set<Domain.Projects.ProjectBeneficiary>();
    public DbSet<Domain.Projects.ProjectStepRecord> ProjectSteps => Set<Domain.Projects.ProjectStepRecord>();
    public DbSet<Domain.Projects.ProjectDocument> ProjectDocuments => Set<Domain.Projects.ProjectDocument>();
    public DbSet<Domain.Funds.FundSource> FundSources => Set<Domain.Funds.FundSource>();
    public DbSet<Domain.Funds.FundAllocation> FundAllocations => Set<Domain.Funds.FundAllocation>();
    public DbSet<Domain.Funds.Disbursement> Disbursements => Set<Domain.Funds.Disbursement>();
    public DbSet<Domain.Notices.NoticeObjection> NoticeObjections => Set<Domain.Notices.NoticeObjection>();
    public DbSet<Domain.Notices.BenefitNotice> BenefitNotices => Set<Domain.Notices.BenefitNotice>();
    public DbSet<Domain.Organisation.OrgUnit> OrgUnits => Set<Domain.Organisation.OrgUnit>();
    public DbSet<Domain.Organisation.UnitPerson> UnitPeople => Set<Domain.Organisation.UnitPerson>();
    public DbSet<Domain.Organisation.TargetResponsibility> TargetResponsibilities => Set<Domain.Organisation.TargetResponsibility>();
    public DbSet<Domain.Supervision.Inspection> Inspections => Set<Domain.Supervision.Inspection>();
    public DbSet<Domain.Supervision.Finding> Findings => Set<Domain.Supervision.Finding>();
    public DbSet<Domain.Supervision.FindingEvidence> FindingEvidence => Set<Domain.Supervision.FindingEvidence>();
    public DbSet<Domain.Supervision.AccountabilityCase> AccountabilityCases => Set<Domain.Supervision.AccountabilityCase>();

    /// <summary>Set once, before the first query: the model (and its scope filter) depends on it.</summary>
    public Actor Actor
    {
        get => _actor;
        set
        {
            if (_modelTouched) throw new InvalidOperationException("The actor of a context is set before its first use.");
            if (_fixedModel && value.Scope.Level != AreaLevel.Everything)
                throw new InvalidOperationException($"A context on the compiled model of the scope without filters is not for an actor of scope {value.Scope.Level}.");
            _actor = value;
        }
    }

    public IPersonalDataProtector? Protector { get; set; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Counts duplicate-check answers about people outside the actor's area (null: not counted).</summary>
    public Security.IdProbes? Probes { get; set; }

    /// <summary>The committed writes to this database (the overview cache's test of freshness); null: not counted.</summary>
    public WriteCounter? Writes { get; set; }

    /// <summary>Where the actor's writes are remembered for read-your-writes on a replica; null: not remembered.</summary>
    public ReadYourWrites? Reads { get; set; }

    /// <summary>The server this context reads: the replica only for a dashboard's or report's read (<see cref="TuopinDbFactory.CreateForReadingAsync"/>).</summary>
    public ReadFrom ReadsFrom { get; init; } = ReadFrom.Primary;

    /// <summary>This context wrote inside a transaction that has not committed yet.</summary>
    internal bool WritePending { get; set; }

    /// <summary>Of the pending writes, one may change the registry's kept views (<see cref="WriteCounter.Registry"/>).</summary>
    internal bool RegistryWritePending { get; set; }

    /// <summary>The reason recorded with the changes of the next save, if the user gave one.</summary>
    public string? ChangeReason { get; set; }

    // Read by the query filters; EF turns them into parameters of every query.
    internal AreaLevel ScopeLevel { get { _modelTouched = true; return _actor.Scope.Level; } }
    internal Guid ScopeCountyId => _actor.Scope.CountyId;
    internal Guid ScopeTownshipId => _actor.Scope.TownshipId ?? Guid.Empty;
    internal Guid ScopeVillageId => _actor.Scope.VillageId ?? Guid.Empty;

    /// <summary>
    /// Refuses loudly to answer for an actor of another scope. The access helpers leave a county-bound record's county to the
    /// query filter (<see cref="Domain.Common.ICountyBound"/>), which is this context's actor's: a helper handed an operator's
    /// context (unfiltered) with a user's actor would otherwise show that user every county.
    /// </summary>
    internal void RequireScopeOf(Actor actor)
    {
        if (_actor.Scope != actor.Scope)
            throw new InvalidOperationException($"A context of scope {_actor.Scope.Level} answers only for its own actor, not for one of scope {actor.Scope.Level}.");
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<IModelCacheKeyFactory, ScopedModelCacheKeyFactory>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
        configurationBuilder.Properties<string>().HaveMaxLength(200);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>().ToTable("users");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(TuopinDb).Assembly);
        ApplyScopeFilters(builder);
    }

    /// <summary>
    /// The area rule on every query: a user sees only the records inside their county, township or
    /// village. The server applies it; no screen can skip it. It is derived from the entity types
    /// themselves: an <see cref="IAreaBound"/> record is filtered on its own area keys, an
    /// <see cref="IHouseholdOwned"/> one through its household (it is visible when its household is),
    /// so a record cannot be left behind when its household moves; any other <see cref="ICountyBound"/>
    /// record (a project, an inspection, a unit…, whose place in the county is optional or several) on its
    /// county at every level, so that one county's users never read another's in a database of many; where in
    /// the county it is visible is its concern's access helper's rule. A prefecture's or province's scope has
    /// an empty county key and sees none of them.
    /// Filters refer to this context so that EF binds them to whichever context runs the query.
    /// </summary>
    private void ApplyScopeFilters(ModelBuilder builder)
    {
        if (ScopeLevel == AreaLevel.Everything) return;
        foreach (var type in builder.Model.GetEntityTypes().Where(t => !t.IsOwned()).ToList())
        {
            var filter = typeof(IHouseholdOwned).IsAssignableFrom(type.ClrType) ? HouseholdFilter(type)
                : typeof(IAreaBound).IsAssignableFrom(type.ClrType) ? (LambdaExpression)AreaFilterMethod.MakeGenericMethod(type.ClrType).Invoke(this, null)!
                : typeof(ICountyBound).IsAssignableFrom(type.ClrType) ? (LambdaExpression)CountyFilterMethod.MakeGenericMethod(type.ClrType).Invoke(this, null)!
                : null;
            if (filter is not null) builder.Entity(type.ClrType).HasQueryFilter(filter);
        }
    }

    private static readonly MethodInfo AreaFilterMethod = typeof(TuopinDb).GetMethod(nameof(AreaFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly MethodInfo CountyFilterMethod = typeof(TuopinDb).GetMethod(nameof(CountyFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>A county's record, at every level below everything (a township's or village's scope carries its county).</summary>
    private Expression<Func<T, bool>> CountyFilter<T>() where T : ICountyBound => e => e.CountyId == ScopeCountyId;

    /// <summary>One simple condition per level, on the record's own indexed key.</summary>
    private Expression<Func<T, bool>> AreaFilter<T>() where T : IAreaBound => ScopeLevel switch
    {
        AreaLevel.County => e => e.CountyId == ScopeCountyId,
        AreaLevel.Township => e => e.TownshipId == ScopeTownshipId,
        _ => e => e.VillageId == ScopeVillageId,
    };

    /// <summary>
    /// <c>e => Households.Any(h => h.Id == e.HouseholdId)</c>: the household's own filter decides. A record whose
    /// household key may be empty (a measure or case of an edge household, which is not in the registry) is, when it
    /// has none, filtered on its own area keys instead.
    /// </summary>
    private LambdaExpression HouseholdFilter(IMutableEntityType type)
    {
        Expression<Func<Guid?, bool>> visible = owner => Households.Any(h => h.Id == owner);
        var e = Expression.Parameter(type.ClrType, "e");
        var owner = HouseholdMoves.Owner(type, e);
        Expression body = new Substitute(visible.Parameters[0], owner).Visit(visible.Body);
        var key = type.FindProperty(nameof(IHouseholdOwned.HouseholdId))!;
        if (key.IsNullable && typeof(IAreaBound).IsAssignableFrom(type.ClrType))
        {
            var area = (LambdaExpression)AreaFilterMethod.MakeGenericMethod(type.ClrType).Invoke(this, null)!;
            var own = new Substitute(area.Parameters[0], e).Visit(area.Body);
            body = Expression.OrElse(Expression.AndAlso(Expression.Equal(owner, Expression.Constant(null, typeof(Guid?))), own), body);
        }
        return Expression.Lambda(body, e);
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var households = await HouseholdMoves.DeriveAsync(this, cancellationToken);
        AuditRecorder.Record(this, households);
        var moves = HouseholdMoves.Pending(this);
        var audit = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var names = Registry.NameIndex.Pending(this);
        // The counties whose roll-up tally this save makes out of date: stamped in the save's transaction.
        var tallied = Plan.CountyTallies.Pending(this);
        // A save of the audit log alone (an access, a sign-in) changes nothing a view of the records shows.
        var records = ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is not (AuditEntry or AuditChainHead or User));
        var registry = records && WriteCounter.TouchesRegistry(ChangeTracker);
        try
        {
            int saved;
            if (moves.Count == 0 && audit.Count == 0 && !names.Any && tallied.Count == 0) saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            else
            {
                // The audit's entries are chained, a household that moves takes its records along, and a member's
                // name and its pieces in the name index are written together: one transaction.
                await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
                // The counties' roll-up stamps first, then the audit chain's head: the order every writer takes them in (the
                // bulk path stamps as it writes households, before the import seals its audit entry), so that two writers
                // never wait for each other (PostgreSQL found a deadlock between an import and a save when the stamp came last).
                // A county added by this very save has no row to stamp yet (nobody else can be writing to it): stamped after.
                var added = ChangeTracker.Entries<Domain.Places.County>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToHashSet();
                if (tallied.Count > 0) await Plan.CountyTallies.StampAsync(this, tallied.Where(c => !added.Contains(c)), cancellationToken);
                if (audit.Count > 0) await AuditChain.SealAsync(this, audit, cancellationToken);
                if (names.Any) await Registry.NameIndex.BeforeSaveAsync(this, names, cancellationToken);
                saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                if (names.Any) await Registry.NameIndex.AfterSaveAsync(this, names, cancellationToken);
                if (moves.Count > 0) await HouseholdMoves.FollowAsync(this, moves, cancellationToken);
                if (added.Count > 0) await Plan.CountyTallies.StampAsync(this, tallied.Where(added.Contains), cancellationToken);
                if (own is not null) await own.CommitAsync(cancellationToken);
            }
            if (records) await WriteCounter.WroteAsync(this, registry, cancellationToken);
            return saved;
        }
        catch (DbUpdateException e) when (SaveConflicts.IsLostRace(e))
        {
            throw SaveConflicts.ToConflict(e);
        }
    }
}

/// <summary>One model per scope level, each with the one simple filter its level needs.</summary>
internal sealed class ScopedModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        // A prefecture's or a province's scope sees no record: it shares the village model (filtered on an empty village).
        context is TuopinDb db ? (context.GetType(), db.ScopeLevel is AreaLevel.Prefecture or AreaLevel.Province ? AreaLevel.Village : db.ScopeLevel, designTime) : (context.GetType(), designTime);
}

/// <summary>A value of configuration kept in the database (poverty lines live in their own table).</summary>
public sealed class Setting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}

/// <summary>The national poverty line of a year, yuan per person per year.</summary>
public sealed class PovertyLine
{
    public int Year { get; set; }

    public Money Amount { get; set; }

    public required string Source { get; set; }
}
