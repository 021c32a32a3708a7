using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ExperimentEventConfiguration : IEntityTypeConfiguration<ExperimentEvent>
{
    public void Configure(EntityTypeBuilder<ExperimentEvent> b)
    {
        b.ToTable("Events");
        b.Property(e => e.EventKey).HasMaxLength(100);
        // Idempotent ingestion: the same event id is stored once.
        b.HasKey(e => e.EventKey);
        // Appended in arrival order within an experiment: ingestion touches the index's last page, not a
        // random one per event, and results read the experiment's events as one range.
        b.HasIndex(e => e.ExperimentId);
        b.Property(e => e.Type).HasConversion<string>().HasMaxLength(20);
    }
}
