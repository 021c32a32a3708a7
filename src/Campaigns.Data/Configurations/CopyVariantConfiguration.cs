using Campaigns.Domain.Copy;
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
