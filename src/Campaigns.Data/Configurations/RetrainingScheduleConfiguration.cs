using Campaigns.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Campaigns.Data.Configurations;

internal sealed class RetrainingScheduleConfiguration : IEntityTypeConfiguration<RetrainingSchedule>
{
    public void Configure(EntityTypeBuilder<RetrainingSchedule> b)
    {
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(s => s.Kind).IsUnique();
        b.Property(s => s.Cron).HasMaxLength(100);
        b.Ignore(s => s.RecurringJobId);
    }
}
