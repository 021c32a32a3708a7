using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> b)
    {
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Learner).HasMaxLength(200);
        b.Property(m => m.ArtifactSha256).HasMaxLength(64);
        b.Property(m => m.MetricsJson).HasMaxLength(int.MaxValue);
        b.Property(m => m.FeaturesJson).HasMaxLength(int.MaxValue);
        b.Property(m => m.MonitoringJson).HasMaxLength(int.MaxValue);
        b.Property(m => m.Artifact).HasMaxLength(int.MaxValue);
        b.HasIndex(m => new { m.Kind, m.Version }).IsUnique();
        b.HasIndex(m => new { m.Kind, m.Status });
    }
}
