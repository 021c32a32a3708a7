using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
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

internal sealed class AudienceMemberConfiguration : IEntityTypeConfiguration<AudienceMember>
{
    public void Configure(EntityTypeBuilder<AudienceMember> b)
    {
        // The key serves the assignment API's membership check (audience, customer).
        b.HasKey(m => new { m.AudienceId, m.CustomerId });
        b.HasOne<Audience>().WithMany().HasForeignKey(m => m.AudienceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Property(m => m.Cell).HasConversion<string>().HasMaxLength(10);
    }
}
