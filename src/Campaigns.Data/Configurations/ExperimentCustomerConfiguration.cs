using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

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
