using System.Text.Json;
using System.Text.Json.Serialization;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    /// <summary>Types and channels by name, as the promotion's own columns store them.</summary>
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Name).HasMaxLength(120);
        b.Property(c => c.Description).HasMaxLength(2000);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.ReviewComment).HasMaxLength(2000);
        b.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
        b.ComplexProperty(c => c.Promotion, p =>
        {
            p.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.CouponCode).HasMaxLength(20);
        });
        // The alternative offers are read and written only with their campaign: one JSON column, not a table.
        b.Property(c => c.AlternativeOffers).HasConversion(
            offers => JsonSerializer.Serialize(offers, Json),
            json => JsonSerializer.Deserialize<List<Promotion>>(json, Json) ?? new List<Promotion>(),
            new ValueComparer<List<Promotion>>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                offers => JsonSerializer.Serialize(offers, Json).GetHashCode(),
                offers => JsonSerializer.Deserialize<List<Promotion>>(JsonSerializer.Serialize(offers, Json), Json)!));
        b.Ignore(c => c.Offers);
        b.HasIndex(c => c.Status);
    }
}
