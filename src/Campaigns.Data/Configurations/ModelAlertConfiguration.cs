using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ModelAlertConfiguration : IEntityTypeConfiguration<ModelAlert>
{
    public void Configure(EntityTypeBuilder<ModelAlert> b)
    {
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Reason).HasMaxLength(2000);
        b.Property(a => a.ClearedBy).HasMaxLength(256);
        b.HasIndex(a => new { a.Kind, a.ClearedAt });
    }
}
