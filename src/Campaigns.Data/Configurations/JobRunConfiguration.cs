using Campaigns.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

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
