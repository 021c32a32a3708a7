using Campaigns.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Targeting;

/// <summary>The two predictions retention value is weighed on: the customer's churn risk and predicted next-year spend.</summary>
public readonly record struct RetentionOutlook(double ChurnRisk, double PredictedValue)
{
    /// <summary>The stored predictions of these customers, by id; customers without scores are absent.</summary>
    public static Task<Dictionary<Guid, RetentionOutlook>> ReadAsync(IQueryable<Customer> customers, CancellationToken ct) =>
        customers.Where(c => c.Score != null)
            .Select(c => new { c.Id, c.Score!.ChurnRisk, c.Score.PredictedValue })
            .ToDictionaryAsync(x => x.Id, x => new RetentionOutlook(x.ChurnRisk, (double)x.PredictedValue), ct);
}
