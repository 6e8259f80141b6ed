using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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

    public DbSet<County> Counties => Set<County>();
    public DbSet<Township> Townships => Set<Township>();
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<VillageGroup> VillageGroups => Set<VillageGroup>();
    public DbSet<Zone> Zones => Set<Zone>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
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

    /// <summary>Set once, before the first query: the model (and its scope filter) depends on it.</summary>
    public Actor Actor
    {
        get => _actor;
        set
        {
            if (_modelTouched) throw new InvalidOperationException("The actor of a context is set before its first use.");
            _actor = value;
        }
    }

    public IPersonalDataProtector? Protector { get; set; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Counts duplicate-check answers about people outside the actor's area (null: not counted).</summary>
    public Security.IdProbes? Probes { get; set; }

    /// <summary>The reason recorded with the changes of the next save, if the user gave one.</summary>
    public string? ChangeReason { get; set; }

    // Read by the query filters; EF turns them into parameters of every query.
    internal AreaLevel ScopeLevel { get { _modelTouched = true; return _actor.Scope.Level; } }
    internal Guid ScopeCountyId => _actor.Scope.CountyId;
    internal Guid ScopeTownshipId => _actor.Scope.TownshipId ?? Guid.Empty;
    internal Guid ScopeVillageId => _actor.Scope.VillageId ?? Guid.Empty;

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
    /// The area rule on every query: a user sees only households (and their members, incomes and
    /// history) inside their county, township or village. The server applies it; no screen can skip it.
    /// Filters refer to this context so that EF binds them to whichever context runs the query.
    /// </summary>
    private void ApplyScopeFilters(ModelBuilder builder)
    {
        switch (ScopeLevel)
        {
            case AreaLevel.Everything:
                return;
            case AreaLevel.County:
                builder.Entity<Household>().HasQueryFilter(h => h.CountyId == ScopeCountyId);
                builder.Entity<Member>().HasQueryFilter(m => m.CountyId == ScopeCountyId);
                builder.Entity<HouseholdIncome>().HasQueryFilter(i => i.Household!.CountyId == ScopeCountyId);
                builder.Entity<HouseholdStatusChange>().HasQueryFilter(c => c.Household!.CountyId == ScopeCountyId);
                builder.Entity<Quality.QualityReview>().HasQueryFilter(r => r.CountyId == ScopeCountyId);
                builder.Entity<VillageCondition>().HasQueryFilter(c => c.CountyId == ScopeCountyId);
                builder.Entity<ExitProcedure>().HasQueryFilter(x => x.CountyId == ScopeCountyId);
                builder.Entity<ProcedureStepRecord>().HasQueryFilter(x => x.CountyId == ScopeCountyId);
                builder.Entity<ExitObjection>().HasQueryFilter(x => x.CountyId == ScopeCountyId);
                builder.Entity<Attachment>().HasQueryFilter(x => x.CountyId == ScopeCountyId);
                builder.Entity<EvaluationSample>().HasQueryFilter(x => x.CountyId == ScopeCountyId);
                builder.Entity<AreaExitProcedure>().HasQueryFilter(x => x.CountyId == ScopeCountyId);
                builder.Entity<AreaExitStepRecord>().HasQueryFilter(x => x.CountyId == ScopeCountyId);
                builder.Entity<AreaEvidence>().HasQueryFilter(x => x.CountyId == ScopeCountyId);
                return;
            case AreaLevel.Township:
                builder.Entity<Household>().HasQueryFilter(h => h.TownshipId == ScopeTownshipId);
                builder.Entity<Member>().HasQueryFilter(m => m.TownshipId == ScopeTownshipId);
                builder.Entity<HouseholdIncome>().HasQueryFilter(i => i.Household!.TownshipId == ScopeTownshipId);
                builder.Entity<HouseholdStatusChange>().HasQueryFilter(c => c.Household!.TownshipId == ScopeTownshipId);
                builder.Entity<Quality.QualityReview>().HasQueryFilter(r => r.TownshipId == ScopeTownshipId);
                builder.Entity<VillageCondition>().HasQueryFilter(c => c.TownshipId == ScopeTownshipId);
                builder.Entity<ExitProcedure>().HasQueryFilter(x => x.TownshipId == ScopeTownshipId);
                builder.Entity<ProcedureStepRecord>().HasQueryFilter(x => x.TownshipId == ScopeTownshipId);
                builder.Entity<ExitObjection>().HasQueryFilter(x => x.TownshipId == ScopeTownshipId);
                builder.Entity<Attachment>().HasQueryFilter(x => x.TownshipId == ScopeTownshipId);
                builder.Entity<EvaluationSample>().HasQueryFilter(x => x.TownshipId == ScopeTownshipId);
                builder.Entity<AreaExitProcedure>().HasQueryFilter(x => x.TownshipId == ScopeTownshipId);
                builder.Entity<AreaExitStepRecord>().HasQueryFilter(x => x.TownshipId == ScopeTownshipId);
                builder.Entity<AreaEvidence>().HasQueryFilter(x => x.TownshipId == ScopeTownshipId);
                return;
            default:
                builder.Entity<Household>().HasQueryFilter(h => h.VillageId == ScopeVillageId);
                builder.Entity<Member>().HasQueryFilter(m => m.VillageId == ScopeVillageId);
                builder.Entity<HouseholdIncome>().HasQueryFilter(i => i.Household!.VillageId == ScopeVillageId);
                builder.Entity<HouseholdStatusChange>().HasQueryFilter(c => c.Household!.VillageId == ScopeVillageId);
                builder.Entity<Quality.QualityReview>().HasQueryFilter(r => r.VillageId == ScopeVillageId);
                builder.Entity<VillageCondition>().HasQueryFilter(c => c.VillageId == ScopeVillageId);
                builder.Entity<ExitProcedure>().HasQueryFilter(x => x.VillageId == ScopeVillageId);
                builder.Entity<ProcedureStepRecord>().HasQueryFilter(x => x.VillageId == ScopeVillageId);
                builder.Entity<ExitObjection>().HasQueryFilter(x => x.VillageId == ScopeVillageId);
                builder.Entity<Attachment>().HasQueryFilter(x => x.VillageId == ScopeVillageId);
                builder.Entity<EvaluationSample>().HasQueryFilter(x => x.VillageId == ScopeVillageId);
                builder.Entity<AreaExitProcedure>().HasQueryFilter(x => x.VillageId == ScopeVillageId);
                builder.Entity<AreaExitStepRecord>().HasQueryFilter(x => x.VillageId == ScopeVillageId);
                builder.Entity<AreaEvidence>().HasQueryFilter(x => x.VillageId == ScopeVillageId);
                return;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AuditRecorder.Record(this);
        var moves = HouseholdMoves.Pending(this);
        var audit = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        try
        {
            if (moves.Count == 0 && audit.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            // The audit's entries are chained, and a household that moves takes its records along: one transaction.
            await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            if (audit.Count > 0) await AuditChain.SealAsync(this, audit, cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (moves.Count > 0) await HouseholdMoves.FollowAsync(this, moves, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
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
        context is TuopinDb db ? (context.GetType(), db.ScopeLevel, designTime) : (context.GetType(), designTime);
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
