using Campaigns.Domain.Customers;
using Campaigns.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(o => o.ExternalId).HasMaxLength(100);
        // Imports upsert orders on the store's own id.
        b.HasIndex(o => o.ExternalId).IsUnique();
        b.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        b.HasIndex(o => o.PlacedAt);
        // What offers truly gave away is read from the few orders that converted a campaign, among millions.
        b.HasIndex(o => new { o.CampaignId, o.CustomerId });
        b.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
