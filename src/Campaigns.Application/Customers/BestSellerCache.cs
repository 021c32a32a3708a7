using Campaigns.Data;

namespace Campaigns.Application.Customers;

/// <summary>
/// The store's best seller (<see cref="RecommendedProduct.BestSellerAsync"/>) for answers on the assignment API's path,
/// read at most once an hour: counting every order line on each call would cost a large store a scan per request, and a
/// best seller changes slowly. Kept for the process; another instance reads its own.
/// </summary>
public sealed class BestSellerCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private (Guid? Product, DateTime ReadAt)? _last;

    public async Task<Guid?> GetAsync(CampaignsDbContext db, CancellationToken ct)
    {
        if (_last is { } last && DateTime.UtcNow - last.ReadAt < Lifetime) return last.Product;
        var product = await RecommendedProduct.BestSellerAsync(db, ct);
        _last = (product, DateTime.UtcNow);
        return product;
    }
}
