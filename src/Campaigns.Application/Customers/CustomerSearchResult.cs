namespace Campaigns.Application.Customers;

/// <summary>The first matches of a search; <see cref="More"/> says more customers match than are shown, so the term needs narrowing.</summary>
public sealed record CustomerSearchResult(IReadOnlyList<CustomerMatch> Matches, bool More)
{
    public static readonly CustomerSearchResult None = new([], false);
}
