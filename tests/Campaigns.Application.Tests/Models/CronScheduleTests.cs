using Campaigns.Application.Models;

namespace Campaigns.Application.Tests.Models;

public class CronScheduleTests
{
    private static CronSchedule Parsed(string text) => CronSchedule.Parse(text).Schedule ?? throw new InvalidOperationException(CronSchedule.Parse(text).Error);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_expression_asks_for_one_with_an_example(string? text)
    {
        var (schedule, error) = CronSchedule.Parse(text);
        Assert.Null(schedule);
        Assert.Contains("Enter a cron expression", error);
    }

    [Theory]
    [InlineData("0 3 * *", 4)]
    [InlineData("0 0 3 * * 1", 6)]
    public void An_expression_without_five_fields_says_how_many_it_has(string text, int fields)
    {
        var (schedule, error) = CronSchedule.Parse(text);
        Assert.Null(schedule);
        Assert.Contains($"has five fields", error);
        Assert.Contains($"this one has {fields}", error);
    }

    [Theory]
    [InlineData("61 3 * * 1")]
    [InlineData("0 25 * * *")]
    [InlineData("0 3 * * mon-xyz")]
    [InlineData("a b c d e")]
    public void An_out_of_range_or_unreadable_field_is_refused(string text)
    {
        var (schedule, error) = CronSchedule.Parse(text);
        Assert.Null(schedule);
        Assert.StartsWith("Not a valid cron expression", error);
    }

    [Fact]
    public void Extra_spaces_are_ignored() => Assert.Equal("0 3 * * 1", Parsed("  0  3 * *   1 ").Expression);

    [Theory]
    [InlineData("0 3 * * 1", "every Monday at 03:00 UTC")]
    [InlineData("30 2 * * *", "every day at 02:30 UTC")]
    [InlineData("0 6 * * 1-5", "every weekday at 06:00 UTC")]
    [InlineData("0 4 * * 1,3,5", "every Monday, Wednesday and Friday at 04:00 UTC")]
    [InlineData("0 3 * * 0", "every Sunday at 03:00 UTC")]
    [InlineData("0 3 * * 7", "every Sunday at 03:00 UTC")]
    [InlineData("15 1 1 * *", "on day 1 of every month at 01:15 UTC")]
    [InlineData("*/15 * * * *", "every 15 minutes")]
    [InlineData("5 */6 * * *", "every 6 hours at minute 5")]
    [InlineData("20 * * * *", "every hour at minute 20")]
    public void Common_shapes_are_described_in_plain_words(string text, string description) =>
        Assert.Equal(description, Parsed(text).Describe());

    [Fact]
    public void Other_shapes_are_described_field_by_field()
    {
        var description = Parsed("0 3 1 1 *").Describe();
        Assert.Equal("minute 0, hour 3, day of month 1, month 1, day of week * (UTC)", description);
    }

    [Fact]
    public void The_next_five_runs_of_a_weekly_schedule_are_consecutive_mondays_at_the_hour()
    {
        // Wednesday 2026-01-07 12:00 UTC.
        var runs = Parsed("0 3 * * 1").NextRuns(new DateTime(2026, 1, 7, 12, 0, 0, DateTimeKind.Utc), 5);
        Assert.Equal(
        [
            new DateTime(2026, 1, 12, 3, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 19, 3, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 1, 26, 3, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 2, 3, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 2, 9, 3, 0, 0, DateTimeKind.Utc),
        ], runs);
        Assert.All(runs, r => Assert.Equal(DateTimeKind.Utc, r.Kind));
    }

    [Fact]
    public void The_next_runs_start_strictly_after_the_given_time()
    {
        var runs = Parsed("0 3 * * *").NextRuns(new DateTime(2026, 1, 7, 3, 0, 0, DateTimeKind.Utc), 2);
        Assert.Equal([new DateTime(2026, 1, 8, 3, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 9, 3, 0, 0, DateTimeKind.Utc)], runs);
    }

    [Fact]
    public void A_monthly_schedule_skips_months_without_that_day()
    {
        var runs = Parsed("0 0 31 * *").NextRuns(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 5);
        Assert.Equal([1, 3, 5, 7, 8], runs.Select(r => r.Month));
    }
}
