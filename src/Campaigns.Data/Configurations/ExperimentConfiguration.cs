using Campaigns.Domain.Campaigns;
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
        b.Property(e => e.Traffic).HasConversion<string>().HasMaxLength(20);
        b.Ignore(e => e.TreatedArms);
        b.Ignore(e => e.IsExploring);
        b.Property(e => e.DecisionComment).HasMaxLength(2000);
        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Arms).WithOne().HasForeignKey(a => a.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}
