using Campaigns.Domain.Copy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class BannedPhraseConfiguration : IEntityTypeConfiguration<BannedPhrase>
{
    public void Configure(EntityTypeBuilder<BannedPhrase> b)
    {
        b.Property(p => p.Phrase).HasMaxLength(100);
        b.Property(p => p.AddedBy).HasMaxLength(256);
        b.HasIndex(p => p.Phrase).IsUnique();
    }
}
