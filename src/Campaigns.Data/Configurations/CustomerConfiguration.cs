using Campaigns.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.HasIndex(c => c.ExternalId).IsUnique();
        b.Property(c => c.ExternalId).HasMaxLength(100);
        b.Property(c => c.Region).HasMaxLength(60);
        b.Property(c => c.CustomAttributesJson).HasMaxLength(4000);
        b.ComplexProperty(c => c.Behaviour);
        b.HasIndex(c => c.Region);
    }
}
