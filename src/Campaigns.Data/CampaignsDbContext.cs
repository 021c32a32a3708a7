using Campaigns.Data.Identity;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Auditing;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Catalog;
using Campaigns.Domain.ContactRules;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Campaigns.Domain.Imports;
using Campaigns.Domain.Integration;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Campaigns.Domain.Orders;
using Campaigns.Domain.Programme;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Data;

/// <remarks>Also holds the data-protection keys, so every instance can read the cookies the others issue.</remarks>
public sealed class CampaignsDbContext(DbContextOptions<CampaignsDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerScore> CustomerScores => Set<CustomerScore>();
    public DbSet<CustomerScoreSnapshot> CustomerScoreSnapshots => Set<CustomerScoreSnapshot>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<Arm> Arms => Set<Arm>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<ExperimentEvent> Events => Set<ExperimentEvent>();
    public DbSet<CopyVariant> CopyVariants => Set<CopyVariant>();
    public DbSet<CopySuggestion> CopySuggestions => Set<CopySuggestion>();
    public DbSet<BannedPhrase> BannedPhrases => Set<BannedPhrase>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<RetrainingSchedule> RetrainingSchedules => Set<RetrainingSchedule>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ExperimentCustomer> ExperimentCustomers => Set<ExperimentCustomer>();
    public DbSet<RollupWatermark> RollupWatermarks => Set<RollupWatermark>();
    public DbSet<ExperimentCell> ExperimentCells => Set<ExperimentCell>();
    public DbSet<ArmAllocationSnapshot> ArmAllocationSnapshots => Set<ArmAllocationSnapshot>();
    public DbSet<Audience> Audiences => Set<Audience>();
    public DbSet<ModelSignOff> ModelSignOffs => Set<ModelSignOff>();
    public DbSet<ModelAlert> ModelAlerts => Set<ModelAlert>();
    public DbSet<AudienceMember> AudienceMembers => Set<AudienceMember>();
    public DbSet<ContactRule> ContactRules => Set<ContactRule>();
    public DbSet<ContactLedger> ContactLedgers => Set<ContactLedger>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportMapping> ImportMappings => Set<ImportMapping>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportFileChunk> ImportFileChunks => Set<ImportFileChunk>();
    public DbSet<HoldoutPeriod> HoldoutPeriods => Set<HoldoutPeriod>();
    public DbSet<CampaignQualifier> CampaignQualifiers => Set<CampaignQualifier>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CampaignsDbContext).Assembly);
        // A data-protection key is an XML document of about a kilobyte: the 400-character convention below would make
        // SQL Server refuse to store it, and with it every sign-in cookie and antiforgery token.
        builder.Entity<DataProtectionKey>().Property(k => k.Xml).HasMaxLength(int.MaxValue);
        if (Database.IsNpgsql()) PostgresModel.Adapt(builder);
        // The rollup's stamp on SQL Server (docs/decisions/0060); SQLite's rollup reads the rowid and needs no column.
        if (Database.IsSqlServer())
        {
            builder.Entity<ExperimentEvent>().Property<byte[]>(Rollup.RollupSql.RowVersionColumn).IsRowVersion();
            builder.Entity<ExperimentEvent>().HasIndex(Rollup.RollupSql.RowVersionColumn);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        SetMainProducts();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        SetMainProducts();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>An order added with its lines gets its main product here, so no writer through the context can forget it (bulk writers set it themselves).</summary>
    private void SetMainProducts()
    {
        foreach (var entry in ChangeTracker.Entries<Order>())
            if (entry.State == EntityState.Added && entry.Entity.MainProductId is null) entry.Entity.MainProductId = Order.MainProductOf(entry.Entity.Lines);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<decimal>().HavePrecision(18, 4);
        // SQLite has no decimal type: stored as REAL it can be summed and ordered in SQL.
        if (Database.IsSqlite()) conventions.Properties<decimal>().HaveConversion<double>();
        if (Database.IsNpgsql()) conventions.Properties<DateTime>().HaveConversion<PostgresModel.UtcDateTime>();
        conventions.Properties<string>().HaveMaxLength(400);
    }
}
