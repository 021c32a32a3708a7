using System.Text.RegularExpressions;
using Campaigns.Domain;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.Campaigns;

/// <summary>
/// A campaign as the API creates or replaces it: its terms and 1 to <see cref="Campaign.MaxOffers"/> offers on one
/// channel, the first the main one (two or more test the offers against each other, as in the editor), and whether it is
/// exempt from the contact rules (a transactional campaign; not counted and never capped; false when left out).
/// </summary>
public sealed partial record CampaignRequest(
    string? Name, string? Description, string? Channel, DateTime? StartsAt, DateTime? EndsAt, decimal? Budget, IReadOnlyList<OfferRequest>? Offers,
    bool? ContactRulesExempt = null)
{
    /// <summary>The campaign these terms make (not yet checked by <see cref="CampaignRules"/>), or the fields that cannot be read, named as in the request.</summary>
    public (Campaign? Campaign, IReadOnlyList<FieldError> Errors) ToCampaign()
    {
        var errors = new List<FieldError>();
        var channel = Parse<Channel>("channel", Channel, "channel", required: true, errors);
        if (StartsAt is null) errors.Add(new FieldError("startsAt", "Give the start date (UTC)."));
        if (EndsAt is null) errors.Add(new FieldError("endsAt", "Give the end date (UTC)."));
        if (Offers is not { Count: > 0 } offers)
        {
            errors.Add(new FieldError("offers", $"Give the campaign 1 to {Campaign.MaxOffers} offers; the first is its main offer."));
            offers = [];
        }
        var terms = offers.Select((o, i) => new Promotion
        {
            Type = Parse<PromotionType>($"offers[{i}].type", o.Type, "offer type", required: false, errors),
            PercentOff = o.PercentOff, AmountOff = o.AmountOff, BundleBuy = o.BundleBuy, BundleGet = o.BundleGet,
            MinimumSpend = o.MinimumSpend ?? 0, CouponCode = o.CouponCode, CategoryId = o.CategoryId, Channel = channel ?? default,
        }).ToList();
        if (errors.Count > 0) return (null, errors);
        return (new Campaign
        {
            Name = Name ?? "", Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), CreatedBy = "",
            StartsAt = Utc(StartsAt!.Value), EndsAt = Utc(EndsAt!.Value), Budget = Budget ?? 0,
            Promotion = terms[0], AlternativeOffers = [.. terms.Skip(1)], ContactRulesExempt = ContactRulesExempt ?? false,
        }, errors);
    }

    /// <summary>
    /// A rule's field (<see cref="CampaignRules"/>) as the request names it: "Budget" → "budget", the main offer's
    /// "PercentOff" → "offers[0].percentOff", "Offers[2].Type" → "offers[2].type".
    /// </summary>
    public static string RequestField(string field)
    {
        if (OfferField().Match(field) is { Success: true } m) return $"offers[{m.Groups[1].Value}].{Camel(m.Groups[2].Value)}";
        return typeof(Promotion).GetProperty(field) is not null && typeof(Campaign).GetProperty(field) is null ? $"offers[0].{Camel(field)}" : Camel(field);
    }

    /// <summary>The same errors, each named as the request names its field.</summary>
    public static IReadOnlyList<FieldError> InRequestTerms(IEnumerable<FieldError> errors) => [.. errors.Select(e => e with { Field = RequestField(e.Field) })];

    private static T? Parse<T>(string field, string? value, string what, bool required, List<FieldError> errors) where T : struct, Enum
    {
        var names = string.Join(", ", Enum.GetNames<T>().Select(Camel));
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(new FieldError(field, $"Choose the {what}: {names}."));
            return null;
        }
        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        errors.Add(new FieldError(field, $"Unknown {what} '{value}'; use {names}."));
        return null;
    }

    private static DateTime Utc(DateTime d) => d.Kind switch
    {
        DateTimeKind.Local => d.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        _ => d,
    };

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"^Offers\[(\d+)\]\.(\w+)$")]
    private static partial Regex OfferField();
}
