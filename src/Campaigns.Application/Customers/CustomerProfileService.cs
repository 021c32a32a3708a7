using System.Text.Json;
using Campaigns.Data;
using Campaigns.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Customers;

/// <summary>Finds customers by external id or email and reads one customer's profile, for people answering "who is this customer?".</summary>
public sealed class CustomerProfileService(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    /// <summary>How many matches a search shows: enough to pick from, few enough that a vague term asks for a narrower one.</summary>
    public const int MaxMatches = 20;

    /// <summary>How many of the latest orders a profile lists.</summary>
    public const int MaxOrders = 25;

    /// <summary>How many of the latest campaigns a profile lists.</summary>
    public const int MaxCampaigns = 50;

    /// <summary>
    /// Customers whose external id is the term or starts with it, or whose email contains it (any case): ids first
    /// (the exact one sorts before the ids it starts), then emails, each by id. A blank term finds no one.
    /// </summary>
    public async Task<CustomerSearchResult> SearchAsync(string? term, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(term)) return CustomerSearchResult.None;
        var text = term.Trim();
        var lower = text.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One more than shown tells whether there are more. Two queries rather than one OR, so the id query can use the
        // id's index and the email query, which must read every row it passes, stops once it has enough.
        var found = await Matches(db.Customers.Where(c => c.ExternalId.StartsWith(text)), MaxMatches + 1, ct);
        if (found.Count <= MaxMatches)
            found.AddRange(await Matches(db.Customers.Where(c => !c.ExternalId.StartsWith(text) && c.Email != null && c.Email.ToLower().Contains(lower)),
                MaxMatches + 1 - found.Count, ct));
        return new CustomerSearchResult(found.Take(MaxMatches).ToList(), found.Count > MaxMatches);
    }

    private static Task<List<CustomerMatch>> Matches(IQueryable<Customer> customers, int count, CancellationToken ct) =>
        customers.AsNoTracking().OrderBy(c => c.ExternalId).Take(count)
            .Select(c => new CustomerMatch(c.Id, c.ExternalId, c.FirstName, c.Email, c.Region, c.Behaviour.OrderCount, c.Behaviour.TotalSpend, c.Behaviour.LastOrderAt))
            .ToListAsync(ct);

    /// <summary>The customer's profile, or null when no customer has this id.</summary>
    public async Task<CustomerProfile?> LoadAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Score).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return null;
        var topCategory = customer.Behaviour.TopCategoryId is { } categoryId
            ? await db.Categories.AsNoTracking().Where(c => c.Id == categoryId).Select(c => c.Name).SingleOrDefaultAsync(ct)
            : null;
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == id)
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(MaxOrders)
            .Select(o => new CustomerOrder(o.Id, o.PlacedAt, o.Subtotal, o.Discount, o.Total, o.CouponCode, o.Lines.Sum(l => l.Quantity), o.CampaignId,
                db.Campaigns.Where(c => c.Id == o.CampaignId).Select(c => c.Name).FirstOrDefault()))
            .ToListAsync(ct);
        var campaigns = await (
                from a in db.Assignments.AsNoTracking()
                where a.CustomerId == id
                join e in db.Experiments on a.ExperimentId equals e.Id
                join c in db.Campaigns on e.CampaignId equals c.Id
                join arm in db.Arms on a.ArmId equals arm.Id
                // The rollup's row exists only once an event of the customer was rolled up.
                join x in db.ExperimentCustomers.Where(x => x.CustomerId == id) on a.ExperimentId equals x.ExperimentId into rolled
                from x in rolled.DefaultIfEmpty()
                orderby a.AssignedAt descending
                select new CustomerCampaign(c.Id, c.Name, arm.Name, arm.IsControl, a.AssignedAt, x == null ? null : x.FirstExposedAt,
                    x != null && x.Conversions > 0, x == null ? 0 : x.Revenue))
            .Take(MaxCampaigns).ToListAsync(ct);
        var (likelyCategories, likelyProducts) = await LikelyAsync(db, customer.Score, ct);
        return new CustomerProfile(customer.Id, customer.ExternalId, customer.FirstName, customer.Email, customer.Region, customer.Device, customer.SignedUpAt,
            customer.EmailOptIn, Attributes(customer.CustomAttributesJson), customer.Behaviour, topCategory, orders, campaigns, customer.Score,
            likelyCategories, likelyProducts);
    }

    /// <summary>The names of the score's top categories and products, in its order (one no longer in the catalogue is left out).</summary>
    private static async Task<(List<string>, List<string>)> LikelyAsync(CampaignsDbContext db, CustomerScore? score, CancellationToken ct)
    {
        if (score is null) return ([], []);
        var categoryIds = score.TopCategoryIds.ToList();
        var productIds = score.TopProducts.ToList();
        var categories = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return (categoryIds.Where(categories.ContainsKey).Select(id => categories[id]).ToList(),
            productIds.Where(products.ContainsKey).Select(id => products[id]).ToList());
    }

    /// <summary>The imported attributes by name; a value that is not a string (a number, true) as its JSON text.</summary>
    private static List<CustomerAttribute> Attributes(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return [];
            return document.RootElement.EnumerateObject()
                .Select(p => new CustomerAttribute(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
                .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
        catch (JsonException)
        {
            // Imports write these objects, so this is a hand-edited row: show no attributes rather than fail the page.
            return [];
        }
    }
}
