using Campaigns.Data;
using Campaigns.Domain.Customers;

namespace Campaigns.Targeting;

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
                   c.Behaviour.LastOrderAt, (int)Math.Round(c.Behaviour.DiscountShare * c.Behaviour.OrderCount),
                   (int?)h!.Campaigns ?? 0, (int?)h!.Conversions ?? 0));
    }
}
