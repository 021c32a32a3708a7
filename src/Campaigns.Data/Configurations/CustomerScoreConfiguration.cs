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
    }
}
