using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ExperimentCellConfiguration : IEntityTypeConfiguration<ExperimentCell>
{
    public void Configure(EntityTypeBuilder<ExperimentCell> b)
    {
        b.ToTable("ExperimentCells");
        b.HasKey(x => new { x.ExperimentId, x.ArmId, x.Region, x.Device, x.Tenure, x.ExposedDay, x.ConvertedDay });
        b.Property(x => x.Region).HasMaxLength(60);
    }
}
