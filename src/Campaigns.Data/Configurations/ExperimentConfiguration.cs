using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> b)
    {
        b.Property(e => e.Salt).HasMaxLength(32);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Engine).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.DecisionComment).HasMaxLength(2000);
        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Arms).WithOne().HasForeignKey(a => a.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArmConfiguration : IEntityTypeConfiguration<Arm>
{
    public void Configure(EntityTypeBuilder<Arm> b)
    {
        b.Property(a => a.PromotionOverrideJson).HasMaxLength(2000);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        // Sticky assignment: one row per customer per experiment.
        b.HasIndex(a => new { a.ExperimentId, a.CustomerId }).IsUnique();
        b.HasIndex(a => new { a.ExperimentId, a.ArmId });
        b.HasOne<Arm>().WithMany().HasForeignKey(a => a.ArmId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Experiment>().WithMany().HasForeignKey(a => a.ExperimentId).OnDelete(DeleteBehavior.NoAction);
    }
}

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

internal sealed class ExperimentCustomerConfiguration : IEntityTypeConfiguration<ExperimentCustomer>
{
    public void Configure(EntityTypeBuilder<ExperimentCustomer> b)
    {
        b.ToTable("ExperimentCustomers");
        b.HasKey(x => new { x.ExperimentId, x.CustomerId });
        // Revenue capping reads the few customers above the cap, from the top.
        b.HasIndex(x => new { x.ExperimentId, x.Revenue });
        // Targeting features count each customer's earlier campaigns.
        b.HasIndex(x => x.CustomerId);
        b.Property(x => x.Region).HasMaxLength(60);
    }
}

internal sealed class RollupWatermarkConfiguration : IEntityTypeConfiguration<RollupWatermark>
{
    public void Configure(EntityTypeBuilder<RollupWatermark> b)
    {
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(60);
    }
}

internal sealed class ExperimentCellConfiguration : IEntityTypeConfiguration<ExperimentCell>
{
    public void Configure(EntityTypeBuilder<ExperimentCell> b)
    {
        b.ToTable("ExperimentCells");
        b.HasKey(x => new { x.ExperimentId, x.ArmId, x.Region, x.Device, x.Tenure, x.ExposedDay, x.ConvertedDay });
        b.Property(x => x.Region).HasMaxLength(60);
    }
}
