using Campaigns.Application.Targeting;
using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Customers;
using Campaigns.Ml.Uplift;

namespace Campaigns.Application.Audiences;

/// <summary>A customer as the targeting model sees them today.</summary>
public sealed record CustomerRow(Guid Id, CustomerSnapshot Snapshot)
{
    /// <summary>
    /// Customers as of now, from their stored behaviour aggregates and the campaigns they were already in, in id order
    /// (one streaming query; earlier campaigns are counted once per customer and joined, not counted per customer).
    /// </summary>
    public static IQueryable<CustomerRow> AsOf(CampaignsDbContext db, IQueryable<Customer> customers, DateTime now)
    {
        var earlier = db.ExperimentCustomers.Where(x => x.FirstExposedAt < now).GroupBy(x => x.CustomerId)
            .Select(g => new { CustomerId = g.Key, Campaigns = g.Count(), Conversions = g.Count(x => x.FirstConvertedAt < now) });
        return from c in customers
               join e in earlier on c.Id equals e.CustomerId into history
               from h in history.DefaultIfEmpty()
               orderby c.Id
               select new CustomerRow(c.Id, new CustomerSnapshot(now, c.Region, c.Device, c.SignedUpAt, c.Behaviour.OrderCount, (double)c.Behaviour.TotalSpend,
                   c.Behaviour.LastOrderAt, (int)Math.Round(c.Behaviour.DiscountShare * c.Behaviour.OrderCount), c.Behaviour.ItemCount,
                   (int?)h!.Campaigns ?? 0, (int?)h!.Conversions ?? 0, c.CustomAttributesJson));
    }

    /// <summary>
    /// The rows to score for an offer, with the columns a model with these attributes was trained on (the built-in
    /// features, then the attributes its manifest names).
    /// </summary>
    public static UpliftDataset Dataset(IReadOnlyList<CustomerRow> rows, Promotion promotion, AttributeSchema attributes, IReadOnlyList<string> arms)
    {
        var data = new UpliftDataset(TargetingFeatures.NumericWith(attributes), TargetingFeatures.CategoricalWith(attributes), arms);
        var numeric = new float[data.NumericFeatures.Count];
        var categorical = new string?[data.CategoricalFeatures.Count];
        foreach (var r in rows)
        {
            TargetingFeatures.Fill(r.Snapshot, promotion, attributes, numeric, categorical);
            data.Add(r.Id.ToString(), numeric, categorical);
        }
        return data;
    }
}
