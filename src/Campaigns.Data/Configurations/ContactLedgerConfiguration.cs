using Campaigns.Domain.ContactRules;
using Campaigns.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ContactLedgerConfiguration : IEntityTypeConfiguration<ContactLedger>
{
    public void Configure(EntityTypeBuilder<ContactLedger> b)
    {
        b.HasKey(l => l.CustomerId);
        b.HasOne<Customer>().WithOne().HasForeignKey<ContactLedger>(l => l.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
