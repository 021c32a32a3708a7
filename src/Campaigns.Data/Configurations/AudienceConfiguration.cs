using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class AudienceConfiguration : IEntityTypeConfiguration<Audience>
{
    public void Configure(EntityTypeBuilder<Audience> b)
    {
        b.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
        // One audience per campaign: rebuilding replaces it.
        b.HasIndex(a => a.CampaignId).IsUnique();
        b.Property(a => a.Selection).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.RulesJson).HasMaxLength(4000);
        b.Property(a => a.CurveJson).HasMaxLength(int.MaxValue);
        b.Property(a => a.CreatedBy).HasMaxLength(256);
    }
}
