using Campaigns.Domain.Audiences;
using Campaigns.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

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
