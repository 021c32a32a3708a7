using Campaigns.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

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
