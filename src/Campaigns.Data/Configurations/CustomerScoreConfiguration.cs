using Campaigns.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class CustomerScoreConfiguration : IEntityTypeConfiguration<CustomerScore>
{
    public void Configure(EntityTypeBuilder<CustomerScore> b)
    {
        b.ToTable("CustomerScores");
        b.HasKey(x => x.CustomerId);
        b.HasOne<Customer>().WithOne(c => c.Score).HasForeignKey<CustomerScore>(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Persona).HasMaxLength(80);
        // Audience rules filter on these.
        b.HasIndex(x => x.ChurnRisk);
        b.HasIndex(x => x.PurchaseProbability);
        b.HasIndex(x => x.ValuePercentile);
        b.HasIndex(x => x.Persona);
        // "Likely to buy X" is X in any of the three: one index each, so the OR is three index lookups.
        b.HasIndex(x => x.TopCategory1Id);
        b.HasIndex(x => x.TopCategory2Id);
        b.HasIndex(x => x.TopCategory3Id);
        b.Property(x => x.TopProductIds).HasMaxLength(CustomerScore.TopProductsStored * 37);
        b.Ignore(x => x.TopCategoryIds);
        b.Ignore(x => x.TopProducts);
    }
}
