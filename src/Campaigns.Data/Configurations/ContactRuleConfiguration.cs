using Campaigns.Domain.ContactRules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class ContactRuleConfiguration : IEntityTypeConfiguration<ContactRule>
{
    public void Configure(EntityTypeBuilder<ContactRule> b)
    {
        b.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.UpdatedBy).HasMaxLength(256);
    }
}
