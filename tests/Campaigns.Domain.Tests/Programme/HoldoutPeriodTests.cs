using Campaigns.Domain.Programme;

namespace Campaigns.Domain.Tests.Programme;

public class HoldoutPeriodTests
{
    private static readonly Guid[] Ids = Enumerable.Range(0, 100_000).Select(i => new Guid(i, 7, 11, [1, 2, 3, 4, 5, 6, 7, (byte)(i % 251)])).ToArray();

    private static HoldoutPeriod Period(string salt, double share) => new() { Salt = salt, Share = share, SetBy = "admin" };

    private static HashSet<Guid> Members(HoldoutPeriod period) => Ids.Where(period.Holds).ToHashSet();

    [Fact]
    public void The_draw_is_the_first_eight_bytes_of_sha256_of_salt_and_id()
    {
        // Computed independently: Python's hashlib.sha256(b"fixed-salt:0190a3b4-…").digest()[:8], little-endian, top 53 bits / 2^53.
        Assert.Equal(0.6146918601700697, HoldoutPeriod.Draw("fixed-salt", Guid.Parse("0190a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a6b")), 15);
    }

    [Fact]
    public void The_same_salt_holds_the_same_customers_every_time()
    {
        Assert.Equal(Members(Period("salt-a", 0.05)), Members(Period("salt-a", 0.05)));
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.005)]
    [InlineData(0.2)]
    public void The_share_held_out_of_100k_customers_is_the_share_requested(double share)
    {
        var held = Members(Period("salt-b", share)).Count;
        var sd = Math.Sqrt(Ids.Length * share * (1 - share));
        Assert.InRange(held, Ids.Length * share - 4 * sd, Ids.Length * share + 4 * sd);
    }

    [Fact]
    public void A_redraw_with_a_new_salt_changes_the_members_as_a_fresh_draw_would()
    {
        var before = Members(Period("salt-c", 0.05));
        var after = Members(Period(HoldoutPeriod.MakeSalt(), 0.05));
        var overlap = before.Intersect(after).Count();
        // Independent draws share about 5% of 5,000 members (250, sd ≈ 15); the same draw would share all 5,000.
        Assert.InRange(overlap, 150, 350);
    }

    [Fact]
    public void A_larger_share_with_the_same_salt_keeps_every_earlier_member()
    {
        var small = Members(Period("salt-d", 0.02));
        var large = Members(Period("salt-d", 0.05));
        Assert.Subset(large, small);
        Assert.True(large.Count > small.Count);
    }

    [Fact]
    public void A_period_is_in_force_from_its_start_until_the_next_one_starts()
    {
        var p = Period("salt-e", 0.05);
        p.StartsAt = new DateTime(2026, 12, 1);
        p.EndsAt = new DateTime(2027, 1, 1);
        Assert.False(p.InForceAt(new DateTime(2026, 11, 30, 23, 59, 59)));
        Assert.True(p.InForceAt(new DateTime(2026, 12, 1)));
        Assert.True(p.InForceAt(new DateTime(2026, 12, 31, 23, 59, 59)));
        Assert.False(p.InForceAt(new DateTime(2027, 1, 1)));
    }
}
