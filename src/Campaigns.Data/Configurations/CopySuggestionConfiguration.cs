using Campaigns.Domain.Copy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class CopySuggestionConfiguration : IEntityTypeConfiguration<CopySuggestion>
{
    public void Configure(EntityTypeBuilder<CopySuggestion> b)
    {
        b.Property(s => s.Text).HasMaxLength(400);
        b.Property(s => s.EditedText).HasMaxLength(400);
        b.Property(s => s.ShownTo).HasMaxLength(256);
        b.Property(s => s.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Tone).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(s => new { s.CampaignId, s.ShownAt });
        b.HasIndex(s => s.GeneratorVersionId);
    }
}
