using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Campaigns.Domain.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class CampaignQualifierConfiguration : IEntityTypeConfiguration<CampaignQualifier>
{
    public void Configure(EntityTypeBuilder<CampaignQualifier> b)
    {
        b.HasKey(q => new { q.CampaignId, q.CustomerId });
        b.HasOne<Campaign>().WithMany().HasForeignKey(q => q.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(q => q.CustomerId).OnDelete(DeleteBehavior.Cascade);
        // The programme report reads the qualifiers of campaigns launched since the holdout started.
        b.HasIndex(q => q.QualifiedAt);
    }
}
