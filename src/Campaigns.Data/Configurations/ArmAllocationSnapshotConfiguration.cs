using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ArmAllocationSnapshotConfiguration : IEntityTypeConfiguration<ArmAllocationSnapshot>
{
    public void Configure(EntityTypeBuilder<ArmAllocationSnapshot> b)
    {
        b.ToTable("ArmAllocationSnapshots");
        b.HasIndex(x => new { x.ExperimentId, x.TakenAt });
        b.HasOne<Experiment>().WithMany().HasForeignKey(x => x.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        // The arm goes with its experiment; a second cascade path would be refused by SQL Server.
        b.HasOne<Arm>().WithMany().HasForeignKey(x => x.ArmId).OnDelete(DeleteBehavior.NoAction);
    }
}
