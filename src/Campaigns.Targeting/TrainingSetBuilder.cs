using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Targeting;

public enum TargetingOutcome { Conversion, Revenue }

/// <summary>The rows an uplift model learns from, and where they came from.</summary>
public sealed record TrainingSet(UpliftDataset Data, DateTime DataFrom, DateTime DataTo, int Experiments);

/// <summary>
/// Builds the uplift training set from finished randomized experiments: one row per assigned customer, features
/// as of the moment of assignment (orders and earlier campaigns strictly before it, so nothing the promotion
/// caused leaks in), the arm as control or promotion, and the outcome the experiment rolled up.
/// </summary>
public sealed class TrainingSetBuilder(CampaignsDbContext db)
{
    public static readonly IReadOnlyList<string> Arms = ["No promotion", "Promotion"];

    public async Task<TrainingSet> BuildAsync(TargetingOutcome outcome, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var experiments = await db.Experiments.AsNoTracking().Include(e => e.Arms)
            .Where(e => e.Status == ExperimentStatus.Stopped && e.StartedAt != null)
            .Join(db.Campaigns, e => e.CampaignId, c => c.Id, (e, c) => new { Experiment = e, c.Promotion })
            .OrderBy(x => x.Experiment.StartedAt).ToListAsync(ct);
        experiments = experiments.Where(x => x.Experiment.Arms.Any(a => a.IsControl) && x.Experiment.Arms.Any(a => !a.IsControl)).ToList();
        if (experiments.Count == 0)
            throw new InvalidOperationException("No finished randomized experiment with a control arm is stored yet: there is nothing to learn uplift from.");

        var data = new UpliftDataset(TargetingFeatures.Numeric, TargetingFeatures.Categorical, Arms);
        var numeric = new float[TargetingFeatures.Numeric.Count];
        var categorical = new string?[TargetingFeatures.Categorical.Count];
        DateTime from = DateTime.MaxValue, to = DateTime.MinValue;
        for (var i = 0; i < experiments.Count; i++)
        {
            var (experiment, campaignPromotion) = (experiments[i].Experiment, experiments[i].Promotion);
            // Control rows carry the offer their experiment was about, so the model compares like with like.
            var promotionOf = experiment.Arms.ToDictionary(a => a.Id, a => a.Offer(campaignPromotion));
            var isControl = experiment.Arms.ToDictionary(a => a.Id, a => a.IsControl);
            await foreach (var r in RowsOf(experiment.Id).AsAsyncEnumerable().WithCancellation(ct))
            {
                var snapshot = new CustomerSnapshot(r.AssignedAt, r.Region, r.Device, r.SignedUpAt, r.Orders, r.Spend, r.LastOrderAt,
                    r.Discounted, r.PastCampaigns, r.PastConversions);
                TargetingFeatures.Fill(snapshot, promotionOf[r.ArmId], numeric, categorical);
                var y = outcome == TargetingOutcome.Conversion ? (r.Conversions > 0 ? 1f : 0f) : (float)r.Revenue;
                data.Add(RowId(experiment.Id, r.CustomerId), numeric, categorical, isControl[r.ArmId] ? 0 : 1, y);
                if (r.AssignedAt < from) from = r.AssignedAt;
                if (r.AssignedAt > to) to = r.AssignedAt;
            }
            progress?.Report((i + 1.0) / experiments.Count);
        }
        return new TrainingSet(data, from, to, experiments.Count);
    }

    /// <summary>A customer can be in several experiments: a row is one assignment.</summary>
    public static string RowId(Guid experimentId, Guid customerId) => $"{experimentId:N}:{customerId:N}";

    private sealed record Row(Guid CustomerId, Guid ArmId, DateTime AssignedAt, string Region, Domain.Customers.Device Device, DateTime SignedUpAt,
        int Orders, double Spend, DateTime? LastOrderAt, int Discounted, int PastCampaigns, int PastConversions, int Conversions, double Revenue);

    /// <summary>One query per experiment; every aggregate is bounded by the assignment time (Orders is indexed by customer and date).</summary>
    private IQueryable<Row> RowsOf(Guid experimentId) =>
        from a in db.Assignments.AsNoTracking()
        where a.ExperimentId == experimentId
        join c in db.Customers on a.CustomerId equals c.Id
        select new Row(a.CustomerId, a.ArmId, a.AssignedAt, c.Region, c.Device, c.SignedUpAt,
            db.Orders.Count(o => o.CustomerId == a.CustomerId && o.PlacedAt < a.AssignedAt),
            db.Orders.Where(o => o.CustomerId == a.CustomerId && o.PlacedAt < a.AssignedAt).Sum(o => (double)o.Total),
            db.Orders.Where(o => o.CustomerId == a.CustomerId && o.PlacedAt < a.AssignedAt).Max(o => (DateTime?)o.PlacedAt),
            db.Orders.Count(o => o.CustomerId == a.CustomerId && o.PlacedAt < a.AssignedAt && o.Discount > 0),
            db.ExperimentCustomers.Count(x => x.CustomerId == a.CustomerId && x.ExperimentId != experimentId && x.FirstExposedAt < a.AssignedAt),
            db.ExperimentCustomers.Count(x => x.CustomerId == a.CustomerId && x.ExperimentId != experimentId && x.FirstConvertedAt < a.AssignedAt),
            db.ExperimentCustomers.Where(x => x.ExperimentId == experimentId && x.CustomerId == a.CustomerId).Select(x => x.Conversions).FirstOrDefault(),
            db.ExperimentCustomers.Where(x => x.ExperimentId == experimentId && x.CustomerId == a.CustomerId).Select(x => x.Revenue).FirstOrDefault());
}
