using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ModelSignOffConfiguration : IEntityTypeConfiguration<ModelSignOff>
{
    public void Configure(EntityTypeBuilder<ModelSignOff> b)
    {
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.RequestedBy).HasMaxLength(256);
        b.Property(s => s.DecidedBy).HasMaxLength(256);
        b.Property(s => s.Reason).HasMaxLength(1000);
        b.Property(s => s.DecisionComment).HasMaxLength(1000);
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(s => s.ModelVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.Status);
    }
}
