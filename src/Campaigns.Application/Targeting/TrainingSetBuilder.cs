using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Campaigns.Ml.Uplift;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Targeting;

public enum TargetingOutcome { Conversion, Revenue }

/// <summary>
/// The rows an uplift model learns from, where they came from, and the custom attributes among their features. Row by
/// row: <see cref="Baskets"/>, the average amount paid per purchase (0 without one), and <see cref="Offers"/>, the terms of the row's
/// experiment (what a control row was held out of), which the offer model prices its purchases with, and
/// <see cref="Alternatives"/>, what its experiment randomized among, which the offer model is chosen on.
/// </summary>
public sealed record TrainingSet(UpliftDataset Data, DateTime DataFrom, DateTime DataTo, int Experiments, AttributeSchema Attributes,
    IReadOnlyList<float> Baskets, IReadOnlyList<Promotion> Offers, OfferAlternatives Alternatives);

/// <summary>
/// Builds the uplift training set from finished randomized experiments: one row per assigned customer, features
/// as of the moment of assignment (orders and earlier campaigns strictly before it, so nothing the promotion
/// caused leaks in), the arm as control or promotion, and the outcome the experiment rolled up. Imported custom
/// attributes have no history: they are read as they are now (see docs/decisions/0019-imported-custom-attributes-are-features-found-in-the.md).
/// </summary>
public sealed class TrainingSetBuilder(CampaignsDbContext db, IOptions<AttributeFeatureOptions>? attributeOptions = null)
{
    public static readonly IReadOnlyList<string> Arms = ["No promotion", "Promotion"];

    public async Task<TrainingSet> BuildAsync(TargetingOutcome outcome, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var experiments = await db.Experiments.AsNoTracking().Include(e => e.Arms)
            .Where(e => e.Status == ExperimentStatus.Stopped && e.StartedAt != null)
            .Join(db.Campaigns, e => e.CampaignId, c => c.Id, (e, c) => new { Experiment = e, c.Promotion })
            .OrderBy(x => x.Experiment.StartedAt).ThenBy(x => x.Experiment.Id).ToListAsync(ct);
        experiments = experiments.Where(x => x.Experiment.Arms.Any(a => a.IsControl) && x.Experiment.Arms.Any(a => !a.IsControl)).ToList();
        if (experiments.Count == 0)
            throw new InvalidOperationException("No finished randomized experiment with a control arm is stored yet: there is nothing to learn uplift from.");

        var attributes = await DiscoverAttributesAsync(experiments.Select(x => x.Experiment.Id).ToList(), progress, ct);
        var data = new UpliftDataset(TargetingFeatures.NumericWith(attributes), TargetingFeatures.CategoricalWith(attributes), Arms);
        var numeric = new float[data.NumericFeatures.Count];
        var categorical = new string?[data.CategoricalFeatures.Count];
        var baskets = new List<float>();
        var offers = new List<Promotion>();
        var alternatives = new UpliftDataset(data.NumericFeatures, data.CategoricalFeatures, Arms);
        var (first, logged, propensity, alternativeOffers) = (new List<int> { 0 }, new List<int>(), new List<double>(), new List<Promotion>());
        DateTime from = DateTime.MaxValue, to = DateTime.MinValue;
        for (var i = 0; i < experiments.Count; i++)
        {
            var (experiment, campaignPromotion) = (experiments[i].Experiment, experiments[i].Promotion);
            // Control rows carry the offer their experiment was about, so the model compares like with like.
            var promotionOf = experiment.Arms.ToDictionary(a => a.Id, a => a.Offer(campaignPromotion));
            var isControl = experiment.Arms.ToDictionary(a => a.Id, a => a.IsControl);
            var (tried, action) = Randomized(experiment, promotionOf);
            var rowsBefore = data.Count;
            await foreach (var r in RowsOf(experiment.Id).AsAsyncEnumerable().WithCancellation(ct))
            {
                var snapshot = new CustomerSnapshot(r.AssignedAt, r.Region, r.Device, r.SignedUpAt, r.Orders, r.Spend, r.LastOrderAt,
                    r.Discounted, r.Items, r.PastCampaigns, r.PastConversions, r.CustomAttributesJson);
                TargetingFeatures.Fill(snapshot, promotionOf[r.ArmId], attributes, numeric, categorical);
                var y = outcome == TargetingOutcome.Conversion ? (r.Conversions > 0 ? 1f : 0f) : (float)r.Revenue;
                data.Add(RowId(experiment.Id, r.CustomerId), numeric, categorical, isControl[r.ArmId] ? 0 : 1, y);
                baskets.Add(r.Conversions > 0 ? (float)(r.Revenue / r.Conversions) : 0);
                offers.Add(promotionOf[r.ArmId]);
                logged.Add(action[r.ArmId]);
                if (tried.Count > 1 && action[r.ArmId] < tried.Count)
                    foreach (var offer in tried)
                    {
                        TargetingFeatures.Fill(snapshot, offer, attributes, numeric, categorical);
                        alternatives.Add(data.IdAt(data.Count - 1), numeric, categorical);
                        alternativeOffers.Add(offer);
                    }
                first.Add(alternatives.Count);
                if (r.AssignedAt < from) from = r.AssignedAt;
                if (r.AssignedAt > to) to = r.AssignedAt;
            }
            // Randomized: what a row got had the probability of its share of the experiment.
            var got = logged.Skip(rowsBefore).CountBy(a => a).ToDictionary();
            for (var row = rowsBefore; row < data.Count; row++) propensity.Add((double)got[logged[row]] / (data.Count - rowsBefore));
            for (var row = rowsBefore; row < data.Count; row++) if (logged[row] >= tried.Count) logged[row] = -1;
            progress?.Report(AttributesShare + (1 - AttributesShare) * (i + 1.0) / experiments.Count);
        }
        return new TrainingSet(data, from, to, experiments.Count, attributes, baskets, offers,
            new OfferAlternatives(alternatives, first.ToArray(), logged.ToArray(), propensity.ToArray(), alternativeOffers));
    }

    /// <summary>
    /// The distinct offers an experiment's fixed arms randomized among, and each arm's action: the index of its offer
    /// among them, -1 for the control, or an index past them for an arm whose customers each got the offer a model chose
    /// (what they got was not randomized among the offers, so they are judged on their own offer only).
    /// </summary>
    private static (List<Promotion> Tried, Dictionary<Guid, int> Action) Randomized(Experiment experiment, Dictionary<Guid, Promotion> promotionOf)
    {
        var tried = new List<Promotion>();
        var action = new Dictionary<Guid, int>();
        foreach (var arm in experiment.Arms.Where(a => !a.IsControl && !a.IsModelChoice).OrderBy(a => a.Position))
        {
            var index = tried.FindIndex(o => o.SameTermsAs(promotionOf[arm.Id]));
            if (index < 0) tried.Add(promotionOf[arm.Id]);
            action[arm.Id] = index < 0 ? tried.Count - 1 : index;
        }
        foreach (var arm in experiment.Arms.Where(a => a.IsControl || a.IsModelChoice))
            action[arm.Id] = arm.IsControl ? -1 : tried.Count + arm.Position + 1;
        return (tried, action);
    }

    /// <summary>The share of the progress that reading the customers' attributes takes (it reads one column).</summary>
    private const double AttributesShare = 0.1;

    /// <summary>
    /// A first, light pass over the same rows' customers (their attributes only) decides which attributes are
    /// features; it is skipped when no customer has any.
    /// </summary>
    private async Task<AttributeSchema> DiscoverAttributesAsync(IReadOnlyList<Guid> experimentIds, IProgress<double>? progress, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.CustomAttributesJson != null, ct)) return AttributeSchema.None;
        var discovery = new AttributeDiscovery(attributeOptions?.Value);
        for (var i = 0; i < experimentIds.Count; i++)
        {
            var experimentId = experimentIds[i];
            var customers = from a in db.Assignments.AsNoTracking()
                            where a.ExperimentId == experimentId
                            join c in db.Customers on a.CustomerId equals c.Id
                            select c.CustomAttributesJson;
            await foreach (var json in customers.AsAsyncEnumerable().WithCancellation(ct)) discovery.Observe(json);
            progress?.Report(AttributesShare * (i + 1.0) / experimentIds.Count);
        }
        return discovery.Build();
    }

    /// <summary>A customer can be in several experiments: a row is one assignment.</summary>
    public static string RowId(Guid experimentId, Guid customerId) => $"{experimentId:N}:{customerId:N}";

    private sealed record Row(Guid CustomerId, Guid ArmId, DateTime AssignedAt, string Region, Domain.Customers.Device Device, DateTime SignedUpAt,
        int Orders, double Spend, DateTime? LastOrderAt, int Discounted, int Items, int PastCampaigns, int PastConversions, int Conversions, double Revenue,
        string? CustomAttributesJson);

    /// <summary>
    /// One query per experiment; every aggregate is bounded by the assignment time (Orders is indexed by customer and date).
    /// Rows come in a fixed order (the assignments' unique index), so one store always gives the same validation split on
    /// a given database engine (SQL Server orders uniqueidentifiers by their last bytes, SQLite by their text).
    /// </summary>
    private IQueryable<Row> RowsOf(Guid experimentId) =>
        from a in db.Assignments.AsNoTracking()
        where a.ExperimentId == experimentId
        orderby a.CustomerId
        join c in db.Customers on a.CustomerId equals c.Id
        select new Row(a.CustomerId, a.ArmId, a.AssignedAt, c.Region, c.Device, c.SignedUpAt,
            db.Orders.Count(o => o.CustomerId == a.CustomerId && o.PlacedAt < a.AssignedAt),
            db.Orders.Where(o => o.CustomerId == a.CustomerId && o.PlacedAt < a.AssignedAt).Sum(o => (double)o.Total),
            db.Orders.Where(o => o.CustomerId == a.CustomerId && o.PlacedAt < a.AssignedAt).Max(o => (DateTime?)o.PlacedAt),
            db.Orders.Count(o => o.CustomerId == a.CustomerId && o.PlacedAt < a.AssignedAt && o.Discount > 0),
            db.Orders.Where(o => o.CustomerId == a.CustomerId && o.PlacedAt < a.AssignedAt).SelectMany(o => o.Lines).Sum(l => l.Quantity),
            db.ExperimentCustomers.Count(x => x.CustomerId == a.CustomerId && x.ExperimentId != experimentId && x.FirstExposedAt < a.AssignedAt),
            db.ExperimentCustomers.Count(x => x.CustomerId == a.CustomerId && x.ExperimentId != experimentId && x.FirstConvertedAt < a.AssignedAt),
            db.ExperimentCustomers.Where(x => x.ExperimentId == experimentId && x.CustomerId == a.CustomerId).Select(x => x.Conversions).FirstOrDefault(),
            db.ExperimentCustomers.Where(x => x.ExperimentId == experimentId && x.CustomerId == a.CustomerId).Select(x => x.Revenue).FirstOrDefault(),
            c.CustomAttributesJson);
}
