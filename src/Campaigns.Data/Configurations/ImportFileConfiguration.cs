using Campaigns.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

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
