using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ArmConfiguration : IEntityTypeConfiguration<Arm>
{
    public void Configure(EntityTypeBuilder<Arm> b)
    {
        b.Property(a => a.PromotionOverrideJson).HasMaxLength(2000);
    }
}
