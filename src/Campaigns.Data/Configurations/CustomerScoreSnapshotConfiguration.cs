using Campaigns.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class CustomerScoreSnapshotConfiguration : IEntityTypeConfiguration<CustomerScoreSnapshot>
{
    public void Configure(EntityTypeBuilder<CustomerScoreSnapshot> b)
    {
        b.ToTable("CustomerScoreSnapshots");
        b.HasIndex(x => x.TakenAt);
        b.Property(x => x.PersonasJson).HasMaxLength(4000);
    }
}
