namespace Campaigns.Ml.Copy;

/// <summary>
/// What the store itself gives on every order, so copy may state it whatever the offer: free shipping from an order value
/// (0: always), and its policies ("free returns", "price match", ...; see <see cref="TermsChecker.StorePolicies"/>).
/// </summary>
/// <param name="FreeShippingFrom">Orders from this value ship free; null when the store never ships free.</param>
public sealed record StorePromises(decimal? FreeShippingFrom, IReadOnlyList<string> Policies)
{
    /// <summary>A store that promises nothing: copy may state only the offer.</summary>
    public static readonly StorePromises None = new(null, []);

    /// <summary>True when the store has the policy (any case; "next day delivery" is "next-day delivery").</summary>
    public bool Has(string policy) => Policies.Any(p => Normalize(p) == Normalize(policy));

    internal static string Normalize(string policy) => string.Join(' ', policy.ToLowerInvariant().Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
