using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class RollupWatermarkConfiguration : IEntityTypeConfiguration<RollupWatermark>
{
    public void Configure(EntityTypeBuilder<RollupWatermark> b)
    {
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(60);
    }
}
