using Campaigns.Analytics.Offers;
using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Offers;

/// <summary>
/// Reads a multi-offer campaign's experiment as a test of its offer policy. Every cell is randomized from the same
/// audience, so each cell's profit per customer estimates what its policy would earn on all of them: the model's choice,
/// each offer for everyone, a random offer (the offer cells pooled, as they share the traffic equally) and nothing (the
/// holdout). Profit is priced as the plan priced it: the margin of each purchase less what its offer gave away.
/// </summary>
public sealed class PolicyTestResults(IDbContextFactory<CampaignsDbContext> dbFactory, IOptions<TargetingOptions> options)
{
    public const string RandomOffer = "A random offer";

    /// <summary>The test's view; null when the experiment is not a multi-offer campaign's.</summary>
    public async Task<PolicyTestView?> LoadAsync(Guid experimentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Arms).SingleOrDefaultAsync(e => e.Id == experimentId, ct);
        if (experiment is null) return null;
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == experiment.CampaignId, ct);
        if (campaign is null || campaign.Offers.Count < 2) return null;
        var economics = await StoreEconomics.ReadAsync(db, options.Value, ct);
        var audienceId = await db.Audiences.Where(a => a.CampaignId == campaign.Id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);

        var arms = experiment.Arms.OrderBy(a => a.Position).ToList();
        var samples = arms.ToDictionary(a => a.Id, _ => new ProfitSample());
        var converters = arms.ToDictionary(a => a.Id, _ => 0);
        var byId = arms.ToDictionary(a => a.Id);
        var rows = from x in db.ExperimentCustomers.AsNoTracking()
                   where x.ExperimentId == experimentId && x.Exposures > 0
                   select new
                   {
                       x.ArmId, x.Conversions, x.Revenue,
                       Offer = db.AudienceMembers.Where(m => m.AudienceId == audienceId && m.CustomerId == x.CustomerId).Select(m => m.OfferPosition).FirstOrDefault(),
                   };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!byId.TryGetValue(r.ArmId, out var arm)) continue;
            var offer = arm.IsControl ? null
                : arm.IsModelChoice ? campaign.OfferAt(r.Offer)
                : arm.Offer(campaign.Promotion);
            // Conversions report what the customer paid; the offer's cost is priced on the basket before it.
            var profit = r.Conversions == 0 ? 0 : r.Conversions * economics.PurchaseValue(offer, economics.BasketPaying(offer, r.Revenue / r.Conversions));
            samples[arm.Id].Add(profit);
            if (r.Conversions > 0) converters[arm.Id]++;
        }

        var holdout = arms.FirstOrDefault(a => a.IsControl) is { } h ? samples[h.Id] : new ProfitSample();
        PolicyCell Cell(string name, ProfitSample s, int converted) =>
            new(name, s.Count, s.Count == 0 ? 0 : (double)converted / s.Count, s.Mean, ProfitSample.Difference(s, holdout));
        var offerArms = arms.Where(a => !a.IsControl && !a.IsModelChoice).ToList();
        var cells = arms.Select(a => Cell(a.IsControl || a.IsModelChoice ? a.Name : ForEveryone(a), samples[a.Id], converters[a.Id])).ToList();
        var random = ProfitSample.Pool(offerArms.Select(a => samples[a.Id]));
        if (offerArms.Count > 1) cells.Add(Cell(RandomOffer, random, offerArms.Sum(a => converters[a.Id])));

        var comparisons = new List<PolicyComparison>();
        if (arms.FirstOrDefault(a => a.IsModelChoice) is { } choice)
        {
            var plan = samples[choice.Id];
            comparisons.AddRange(offerArms.Select(a => new PolicyComparison(ForEveryone(a), ProfitSample.Difference(plan, samples[a.Id]))));
            if (offerArms.Count > 1) comparisons.Add(new PolicyComparison(RandomOffer, ProfitSample.Difference(plan, random)));
            comparisons.Add(new PolicyComparison("No offer (holdout)", ProfitSample.Difference(plan, holdout)));
        }
        return new PolicyTestView(cells, comparisons, comparisons.Count > 0);
    }

    /// <summary>An offer arm read as a policy: its customers are a random share of the audience, all given its offer.</summary>
    private static string ForEveryone(Arm arm) => $"{arm.Name} for everyone";
}
