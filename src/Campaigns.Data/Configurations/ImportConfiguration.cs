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
        b.HasIndex(r => r.UploadId);
    }
}

internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> b)
    {
        b.Property(f => f.FileName).HasMaxLength(260);
        b.Property(f => f.Purpose).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Owner).HasMaxLength(256);
        b.HasIndex(f => f.CreatedAt);
    }
}

internal sealed class ImportFileChunkConfiguration : IEntityTypeConfiguration<ImportFileChunk>
{
    public void Configure(EntityTypeBuilder<ImportFileChunk> b)
    {
        b.HasKey(c => new { c.FileId, c.Index });
        b.HasOne<ImportFile>().WithMany().HasForeignKey(c => c.FileId).OnDelete(DeleteBehavior.Cascade);
        // No length: varbinary(max) on SQL Server, a BLOB on SQLite.
        b.Property(c => c.Data);
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
