using Campaigns.Domain.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class HoldoutPeriodConfiguration : IEntityTypeConfiguration<HoldoutPeriod>
{
    public void Configure(EntityTypeBuilder<HoldoutPeriod> b)
    {
        b.Property(p => p.Salt).HasMaxLength(64);
        b.Property(p => p.Reason).HasMaxLength(500);
        b.Property(p => p.SetBy).HasMaxLength(256);
        b.HasIndex(p => p.StartsAt);
    }
}
