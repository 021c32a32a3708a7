using Campaigns.Domain.Auditing;
using Campaigns.Domain.Copy;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class CopyVariantConfiguration : IEntityTypeConfiguration<CopyVariant>
{
    public void Configure(EntityTypeBuilder<CopyVariant> b)
    {
        b.Property(c => c.Headline).HasMaxLength(200);
        b.Property(c => c.Body).HasMaxLength(2000);
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Tone).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.PromotionType).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.CreatedBy).HasMaxLength(256);
        b.Property(c => c.ApprovedBy).HasMaxLength(256);
        b.Property(c => c.BodyChosenBy).HasMaxLength(256);
        b.HasIndex(c => c.CampaignId);
        b.Ignore(c => c.ClickThroughRate);
    }
}

internal sealed class CopySuggestionConfiguration : IEntityTypeConfiguration<CopySuggestion>
{
    public void Configure(EntityTypeBuilder<CopySuggestion> b)
    {
        b.Property(s => s.Text).HasMaxLength(400);
        b.Property(s => s.EditedText).HasMaxLength(400);
        b.Property(s => s.ShownTo).HasMaxLength(256);
        b.Property(s => s.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Tone).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(s => new { s.CampaignId, s.ShownAt });
        b.HasIndex(s => s.GeneratorVersionId);
    }
}

internal sealed class BannedPhraseConfiguration : IEntityTypeConfiguration<BannedPhrase>
{
    public void Configure(EntityTypeBuilder<BannedPhrase> b)
    {
        b.Property(p => p.Phrase).HasMaxLength(100);
        b.Property(p => p.AddedBy).HasMaxLength(256);
        b.HasIndex(p => p.Phrase).IsUnique();
    }
}

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> b)
    {
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Learner).HasMaxLength(60);
        b.Property(m => m.ArtifactSha256).HasMaxLength(64);
        b.Property(m => m.MetricsJson).HasMaxLength(int.MaxValue);
        b.Property(m => m.FeaturesJson).HasMaxLength(int.MaxValue);
        b.Property(m => m.MonitoringJson).HasMaxLength(int.MaxValue);
        b.Property(m => m.Artifact).HasMaxLength(int.MaxValue);
        b.HasIndex(m => new { m.Kind, m.Version }).IsUnique();
        b.HasIndex(m => new { m.Kind, m.Status });
    }
}

internal sealed class RetrainingScheduleConfiguration : IEntityTypeConfiguration<RetrainingSchedule>
{
    public void Configure(EntityTypeBuilder<RetrainingSchedule> b)
    {
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(s => s.Kind).IsUnique();
        b.Property(s => s.Cron).HasMaxLength(100);
        b.Ignore(s => s.RecurringJobId);
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.Property(j => j.Kind).HasMaxLength(60);
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(j => j.ParametersJson).HasMaxLength(4000);
        b.Property(j => j.Error).HasMaxLength(4000);
        b.Property(j => j.ResultSummary).HasMaxLength(2000);
        b.HasIndex(j => new { j.Status, j.CreatedAt });
        b.HasIndex(j => j.CreatedAt);
        // At most one active run per exclusive kind: the check before an insert can race, this index cannot. Quoted
        // identifiers and string statuses read the same on SQLite and SQL Server.
        b.HasIndex(j => j.Kind).IsUnique().HasDatabaseName("IX_JobRuns_ActiveExclusiveKind")
            .HasFilter("\"Exclusive\" = 1 AND \"Status\" IN ('Queued', 'Running')");
        b.Ignore(j => j.IsFinished);
        b.Ignore(j => j.Duration);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.Property(a => a.Action).HasMaxLength(60);
        b.Property(a => a.EntityType).HasMaxLength(60);
        b.Property(a => a.EntityId).HasMaxLength(60);
        b.Property(a => a.Details).HasMaxLength(4000);
        b.HasIndex(a => a.At);
    }
}

internal sealed class ModelSignOffConfiguration : IEntityTypeConfiguration<ModelSignOff>
{
    public void Configure(EntityTypeBuilder<ModelSignOff> b)
    {
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.RequestedBy).HasMaxLength(256);
        b.Property(s => s.DecidedBy).HasMaxLength(256);
        b.Property(s => s.Reason).HasMaxLength(1000);
        b.Property(s => s.DecisionComment).HasMaxLength(1000);
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(s => s.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.Status);
    }
}

internal sealed class ModelAlertConfiguration : IEntityTypeConfiguration<ModelAlert>
{
    public void Configure(EntityTypeBuilder<ModelAlert> b)
    {
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Reason).HasMaxLength(2000);
        b.Property(a => a.ClearedBy).HasMaxLength(256);
        b.HasIndex(a => new { a.Kind, a.ClearedAt });
    }
}
