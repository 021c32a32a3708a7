using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Name).HasMaxLength(120);
        b.Property(c => c.Description).HasMaxLength(2000);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.ReviewComment).HasMaxLength(2000);
        b.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
        b.ComplexProperty(c => c.Promotion, p =>
        {
            p.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.CouponCode).HasMaxLength(20);
        });
        b.HasIndex(c => c.Status);
    }
}
