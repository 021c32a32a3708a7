using Campaigns.Domain.Customers;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        // Sticky assignment: one row per customer per experiment.
        b.HasIndex(a => new { a.ExperimentId, a.CustomerId }).IsUnique();
        b.HasIndex(a => new { a.ExperimentId, a.ArmId });
        // A customer's recent contacts, which contact rules count at each assignment.
        b.HasIndex(a => new { a.CustomerId, a.AssignedAt });
        b.HasOne<Arm>().WithMany().HasForeignKey(a => a.ArmId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Experiment>().WithMany().HasForeignKey(a => a.ExperimentId).OnDelete(DeleteBehavior.NoAction);
    }
}
