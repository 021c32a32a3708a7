using Campaigns.Domain.Campaigns;
using Campaigns.Domain.ContactRules;

namespace Campaigns.Domain.Tests.ContactRules;

public class ContactRuleTests
{
    private static readonly DateTime At = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);

    private static ContactRule Rule(Channel? channel = Channel.Email, int limit = 2, int windowDays = 7) =>
        new() { Channel = channel, Limit = limit, WindowDays = windowDays, UpdatedBy = "admin@x" };

    [Fact]
    public void A_contact_exactly_a_window_ago_has_left_it_and_one_a_tick_later_or_after_the_new_one_has_not()
    {
        var rule = Rule(windowDays: 7);
        Assert.False(rule.InWindow(At.AddDays(-7), At));
        Assert.True(rule.InWindow(At.AddDays(-7).AddTicks(1), At));
        Assert.True(rule.InWindow(At, At));
        Assert.True(rule.InWindow(At.AddSeconds(1), At));
    }

    [Fact]
    public void A_channel_rule_covers_its_channel_only_and_a_rule_across_channels_covers_every_one()
    {
        Assert.True(Rule(Channel.Email).Covers(Channel.Email));
        Assert.False(Rule(Channel.Email).Covers(Channel.Push));
        Assert.All(Enum.GetValues<Channel>(), c => Assert.True(Rule(channel: null).Covers(c)));
    }

    [Theory]
    [InlineData(1, 1, new string[0])]
    [InlineData(5, 30, new string[0])]
    [InlineData(0, 7, new[] { "Limit" })]
    [InlineData(2, 0, new[] { "WindowDays" })]
    [InlineData(2, 31, new[] { "WindowDays" })]
    [InlineData(-1, 60, new[] { "Limit", "WindowDays" })]
    public void A_rule_allows_at_least_one_contact_over_one_to_thirty_days(int limit, int windowDays, string[] fields) =>
        Assert.Equal(fields, ContactRule.Validate(limit, windowDays).Select(e => e.Field));
}
