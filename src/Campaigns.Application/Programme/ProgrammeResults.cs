using Campaigns.Analytics;
using Campaigns.Analytics.Programme;
using Campaigns.Application.Common.Formatting;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Programme;

/// <summary>
/// Measures the whole programme against the global holdout from the stored orders: per customer, orders, revenue and
/// margin in each month since the holdout started and in all, with the same metric over the pre-period as CUPED's
/// covariate. A customer counts in a window's holdout when every period in force during it held them out, in its
/// programme when none did; a customer a re-draw or a change of share moved is left out of that window. Per channel, the
/// same sums since the start compare the customers who qualified for the channel's campaigns in each group.
/// </summary>
public sealed class ProgrammeResults(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public const int PrePeriodDays = 90;

    /// <summary>The report up to <paramref name="asOf"/> (now when null); null before the holdout has started.</summary>
    public async Task<ProgrammeReport?> ReadAsync(DateTime? asOf = null, CancellationToken ct = default)
    {
        var now = asOf ?? DateTime.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A period that ended the day it started (replaced before it took effect) never held anyone.
        var periods = (await db.HoldoutPeriods.AsNoTracking().Where(p => p.StartsAt < now).OrderBy(p => p.StartsAt).ToListAsync(ct))
            .Where(p => p.EndsAt is null || p.EndsAt > p.StartsAt).ToList();
        if (periods.Count == 0) return null;
        var since = DateTime.SpecifyKind(periods[0].StartsAt, DateTimeKind.Utc);
        var preStart = since.AddDays(-PrePeriodDays);
        var windows = Windows(since, now);

        var ids = await db.Customers.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var index = new Dictionary<Guid, int>(ids.Count);
        for (var i = 0; i < ids.Count; i++) index[ids[i]] = i;
        var pre = new CustomerSums(ids.Count);
        var sums = windows.Select(_ => new CustomerSums(ids.Count)).ToArray();
        var attributed = new List<(int Customer, Channel Channel, double Revenue, double Discount)>();

        var costs = await db.Products.AsNoTracking().Select(p => new { p.Id, p.Cost }).ToDictionaryAsync(p => p.Id, p => (double)p.Cost, ct);
        var channels = await db.Campaigns.AsNoTracking().Select(c => new { c.Id, c.Promotion.Channel }).ToDictionaryAsync(c => c.Id, c => c.Channel, ct);
        var orders = db.Orders.AsNoTracking().Where(o => o.PlacedAt >= preStart && o.PlacedAt < now);
        var goodsCost = new Dictionary<Guid, double>();
        await foreach (var l in db.OrderLines.AsNoTracking().Join(orders, l => l.OrderId, o => o.Id, (l, _) => new { l.OrderId, l.ProductId, l.Quantity })
                           .AsAsyncEnumerable().WithCancellation(ct))
            goodsCost[l.OrderId] = goodsCost.GetValueOrDefault(l.OrderId) + l.Quantity * costs.GetValueOrDefault(l.ProductId);
        await foreach (var o in orders.Select(o => new { o.Id, o.CustomerId, o.PlacedAt, o.Subtotal, o.Discount, o.CampaignId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!index.TryGetValue(o.CustomerId, out var c)) continue;
            var discount = (double)o.Discount;
            var revenue = (double)o.Subtotal - discount;
            var margin = revenue - goodsCost.GetValueOrDefault(o.Id);
            var placedAt = DateTime.SpecifyKind(o.PlacedAt, DateTimeKind.Utc);
            // Only a campaign's discount is the programme's cost (ProgrammeWindow.DiscountCost).
            var campaignDiscount = o.CampaignId is null ? 0 : discount;
            if (placedAt < since)
            {
                pre.Add(c, revenue, margin, campaignDiscount);
                continue;
            }
            sums[windows.FindLastIndex(w => w.From <= placedAt)].Add(c, revenue, margin, campaignDiscount);
            if (o.CampaignId is { } campaign && channels.TryGetValue(campaign, out var channel)) attributed.Add((c, channel, revenue, discount));
        }

        var held = periods.Select(p => ids.Select(p.Holds).ToArray()).ToList();
        var results = new List<ProgrammeWindow>(windows.Count + 1);
        for (var w = 0; w < windows.Count; w++) results.Add(Measure(windows[w], Groups(windows[w].From, windows[w].To), sums[w], pre));
        var allGroups = Groups(since, now);
        var total = new CustomerSums(ids.Count);
        foreach (var s in sums) total.AddAll(s);
        var cumulative = Measure(($"Since {since:yyyy-MM-dd}", since, now), allGroups, total, pre);
        var qualified = new Dictionary<Channel, bool[]>();
        await foreach (var q in db.CampaignQualifiers.AsNoTracking().Where(q => q.QualifiedAt >= since && q.QualifiedAt < now)
                           .Select(q => new { q.CampaignId, q.CustomerId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!channels.TryGetValue(q.CampaignId, out var channel) || !index.TryGetValue(q.CustomerId, out var c)) continue;
            if (!qualified.TryGetValue(channel, out var flags)) qualified[channel] = flags = new bool[ids.Count];
            flags[c] = true;
        }
        var inProgramme = attributed.Where(a => allGroups[a.Customer] == Group.Programme).ToLookup(a => a.Channel);
        var byChannel = qualified.Keys.Union(inProgramme.Select(g => g.Key)).Order()
            .Select(channel => ChannelOf(channel, qualified.GetValueOrDefault(channel), inProgramme[channel].ToList())).ToList();
        return new ProgrammeReport(since, now, PrePeriodDays, results, cumulative, byChannel);

        // Intent to treat: the channel's campaigns chose both groups by the same rules at launch, before the global holdout
        // and the contact rules left anyone out, and the holdout's salted hash does not depend on those rules; so the
        // held-out qualifiers are what the programme's qualifiers would have done without the channel's (and the rest of
        // the programme's) promotions, and their difference is unbiased for the effect of being targeted by the channel.
        ChannelFigures ChannelOf(Channel channel, bool[]? flags, List<(int Customer, Channel Channel, double Revenue, double Discount)> orders)
        {
            var groups = new Group[ids.Count];
            for (var c = 0; c < ids.Count; c++) groups[c] = flags is not null && flags[c] ? allGroups[c] : Group.Outside;
            var (programme, holdout) = (groups.LongCount(g => g == Group.Programme), groups.LongCount(g => g == Group.Holdout));
            var why = flags is null ? "No campaign on this channel has launched since the holdout started, so no one is recorded as qualifying for it."
                : programme < 2 || holdout < 2 ? $"{Display.Count(programme)} programme and {Display.Count(holdout)} held-out customers qualified for this channel's campaigns; an interval needs at least 2 in each."
                : null;
            var (o, r, m) = why is null ? (Effect(groups, total.Orders, pre.Orders), Effect(groups, total.Revenue, pre.Revenue), Effect(groups, total.Margin, pre.Margin)) : (null, null, null);
            return new ChannelFigures(channel, programme, holdout, o, r, m, why, orders.Count, orders.Sum(a => a.Revenue), orders.Sum(a => a.Discount));
        }

        Group[] Groups(DateTime from, DateTime to)
        {
            var overlapping = Enumerable.Range(0, periods.Count).Where(p => periods[p].StartsAt < to && (periods[p].EndsAt is not { } end || end > from)).ToList();
            var groups = new Group[ids.Count];
            for (var c = 0; c < ids.Count; c++)
            {
                var count = overlapping.Count(p => held[p][c]);
                groups[c] = count == 0 ? Group.Programme : count == overlapping.Count ? Group.Holdout : Group.Moved;
            }
            return groups;
        }
    }

    private static ProgrammeWindow Measure((string Label, DateTime From, DateTime To) window, Group[] groups, CustomerSums sums, CustomerSums pre)
    {
        var discount = 0.0;
        for (var c = 0; c < groups.Length; c++)
            if (groups[c] == Group.Programme) discount += sums.Discount[c];
        return new ProgrammeWindow(window.Label, window.From, window.To,
            Effect(groups, sums.Orders, pre.Orders), Effect(groups, sums.Revenue, pre.Revenue), Effect(groups, sums.Margin, pre.Margin), discount);
    }

    private static EffectEstimate Effect(Group[] groups, double[] values, double[] preValues) =>
        ProgrammeEffect.Estimate(Summary(groups, Group.Programme, values, preValues), Summary(groups, Group.Holdout, values, preValues));

    private static MetricSummary Summary(Group[] groups, Group group, double[] y, double[] x)
    {
        long n = 0;
        double sy = 0, syy = 0, sx = 0, sxx = 0, sxy = 0;
        for (var c = 0; c < groups.Length; c++)
        {
            if (groups[c] != group) continue;
            n++;
            sy += y[c];
            syy += y[c] * y[c];
            sx += x[c];
            sxx += x[c] * x[c];
            sxy += x[c] * y[c];
        }
        return MetricSummary.Mean(n, sy, syy).WithCovariate(sx, sxx, sxy);
    }

    /// <summary>Calendar months from the start to now, the first and last cut at those moments.</summary>
    private static List<(string Label, DateTime From, DateTime To)> Windows(DateTime since, DateTime now)
    {
        var windows = new List<(string, DateTime, DateTime)>();
        for (var from = since; from < now;)
        {
            var next = new DateTime(from.Year, from.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            windows.Add((from.ToString("yyyy-MM"), from, next < now ? next : now));
            from = next;
        }
        return windows;
    }

    /// <summary>Moved: a draw moved the customer between the groups; Outside: not in a channel's contrast (did not qualify).</summary>
    private enum Group { Programme, Holdout, Moved, Outside }

    /// <summary>Per-customer sums of one window, indexed like the customer list.</summary>
    private sealed class CustomerSums(int customers)
    {
        public double[] Orders { get; } = new double[customers];
        public double[] Revenue { get; } = new double[customers];
        public double[] Margin { get; } = new double[customers];
        /// <summary>Discounts on orders that name a campaign.</summary>
        public double[] Discount { get; } = new double[customers];

        public void Add(int c, double revenue, double margin, double discount)
        {
            Orders[c]++;
            Revenue[c] += revenue;
            Margin[c] += margin;
            Discount[c] += discount;
        }

        public void AddAll(CustomerSums other)
        {
            for (var c = 0; c < Orders.Length; c++)
            {
                Orders[c] += other.Orders[c];
                Revenue[c] += other.Revenue[c];
                Margin[c] += other.Margin[c];
                Discount[c] += other.Discount[c];
            }
        }
    }
}
