using Campaigns.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.SettingsJson).HasMaxLength(8000);
        b.Property(r => r.Error).HasMaxLength(4000);
        b.HasIndex(r => r.StartedAt);
    }
}

internal sealed class ImportMappingConfiguration : IEntityTypeConfiguration<ImportMapping>
{
    public void Configure(EntityTypeBuilder<ImportMapping> b)
    {
        b.Property(m => m.Name).HasMaxLength(100);
        b.HasIndex(m => m.Name).IsUnique();
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.ColumnsJson).HasMaxLength(8000);
        b.Property(m => m.Culture).HasMaxLength(20);
    }
}
