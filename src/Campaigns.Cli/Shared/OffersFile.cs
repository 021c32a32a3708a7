using System.Globalization;
using System.Text.Json;
using Campaigns.Application.Targeting;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Cli;

/// <summary>
/// OFFERS.json: the store's margin and shipping terms and the offers a treatment column names, each read into a
/// <see cref="Promotion"/> and priced as the app prices offers (<see cref="StoreEconomics"/>). ArgumentException with a one-line message on
/// anything it cannot read.
/// <code>{"margin": 0.40, "shippingFee": 4.95, "freeShippingFrom": 60, "offers": {"pct10": {"type": "PercentOff", "percent": 10}, ...}}</code>
/// Types: PercentOff (percent), AmountOff (amount), FreeShipping, Bundle (buy, get); any may have a minimumSpend.
/// </summary>
internal sealed record OffersFile(double Margin, double ShippingFee, double FreeShippingFrom, IReadOnlyDictionary<string, Promotion> Offers)
{
    private static readonly Dictionary<string, PromotionType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PercentOff"] = PromotionType.PercentDiscount, ["AmountOff"] = PromotionType.FixedAmountOff,
        ["FreeShipping"] = PromotionType.FreeShipping, ["Bundle"] = PromotionType.Bundle,
    };

    public static OffersFile Load(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"No offers file at '{path}'.");
        JsonElement root;
        try { root = JsonDocument.Parse(File.ReadAllText(path)).RootElement; }
        catch (JsonException ex) { throw new ArgumentException($"'{path}' is not valid JSON: {ex.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw new ArgumentException($"'{path}' must hold a JSON object with margin, shippingFee, freeShippingFrom and offers.");
        var margin = Number(root, "margin", path, required: true);
        if (margin is <= 0 or >= 1) throw new ArgumentException($"{path}: margin must be a share between 0 and 1 (0.40 for 40%), not {Text(margin)}.");
        var shippingFee = Number(root, "shippingFee", path, required: false);
        var freeShippingFrom = root.TryGetProperty("freeShippingFrom", out _) ? Number(root, "freeShippingFrom", path, required: true) : double.PositiveInfinity;
        if (!root.TryGetProperty("offers", out var offers) || offers.ValueKind != JsonValueKind.Object || !offers.EnumerateObject().Any())
            throw new ArgumentException($"{path}: 'offers' must be an object naming at least one offer.");
        var promotions = new Dictionary<string, Promotion>(StringComparer.Ordinal);
        foreach (var offer in offers.EnumerateObject())
        {
            var where = $"{path}: offer '{offer.Name}'";
            if (offer.Value.ValueKind != JsonValueKind.Object) throw new ArgumentException($"{where} must be an object with a type.");
            var typeName = offer.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            if (!Types.TryGetValue(typeName, out var type))
                throw new ArgumentException($"{where} has the unknown type '{typeName}' (use PercentOff, AmountOff, FreeShipping or Bundle).");
            var promotion = new Promotion { Type = type, MinimumSpend = (decimal)Number(offer.Value, "minimumSpend", where, required: false) };
            switch (type)
            {
                case PromotionType.PercentDiscount:
                    promotion.PercentOff = (decimal)Number(offer.Value, "percent", where, required: true);
                    if (promotion.PercentOff is <= 0 or >= 100) throw new ArgumentException($"{where}: percent must be between 0 and 100.");
                    break;
                case PromotionType.FixedAmountOff:
                    promotion.AmountOff = (decimal)Number(offer.Value, "amount", where, required: true);
                    break;
                case PromotionType.Bundle:
                    promotion.BundleBuy = (int)Number(offer.Value, "buy", where, required: true);
                    promotion.BundleGet = (int)Number(offer.Value, "get", where, required: true);
                    if (promotion.BundleBuy < 1 || promotion.BundleGet < 1) throw new ArgumentException($"{where}: buy and get must be whole numbers of at least 1.");
                    break;
            }
            promotions[offer.Name] = promotion;
        }
        return new OffersFile(margin, shippingFee, freeShippingFrom, promotions);
    }

    /// <summary>
    /// What a purchase of this gross basket is worth to the store under the offer (null = no offer), priced as the app
    /// prices it (<see cref="StoreEconomics.PurchaseValue"/>): the file names no average item price, so a bundle's basket is
    /// taken as one bundle.
    /// </summary>
    public double PurchaseValue(string? offer, double basket) =>
        Economics.PurchaseValue(offer is null ? null : Offers[offer], Math.Max(0, basket));

    /// <summary>The file's margin and shipping terms as the app's pricing takes them.</summary>
    public StoreEconomics Economics { get; } = new(Margin, 0, 0, new TargetingOptions
    {
        ShippingFee = (decimal)ShippingFee,
        FreeShippingFrom = double.IsFinite(FreeShippingFrom) ? (decimal)FreeShippingFrom : decimal.MaxValue,
    });

    /// <summary>
    /// Checks the arms (arm 0 = the control) against the offers: every treatment value must be an offer of the file and
    /// every offer of the file must have rows.
    /// </summary>
    public void CheckArms(IReadOnlyList<string> arms, string treatmentColumn, string path)
    {
        if (arms.Skip(1).FirstOrDefault(a => !Offers.ContainsKey(a)) is { } unknown)
            throw new ArgumentException($"The value '{unknown}' in column '{treatmentColumn}' is not an offer of {path} (offers: {string.Join(", ", Offers.Keys)}).");
        if (Offers.Keys.FirstOrDefault(o => !arms.Skip(1).Contains(o)) is { } missing)
            throw new ArgumentException($"The offer '{missing}' of {path} has no rows in column '{treatmentColumn}'.");
    }

    /// <summary>(row, arm, basket) → the purchase's value, for arms named as <paramref name="arms"/> (arm 0 = no offer).</summary>
    public Func<int, int, double, double> ValueOfArms(IReadOnlyList<string> arms) => (_, arm, basket) => PurchaseValue(arm == 0 ? null : arms[arm], basket);

    private static double Number(JsonElement element, string name, string where, bool required)
    {
        if (!element.TryGetProperty(name, out var value))
            return required ? throw new ArgumentException($"{where}: '{name}' is required.") : 0;
        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number and >= 0 ? number
            : throw new ArgumentException($"{where}: '{name}' must be a number of 0 or more, not {value.GetRawText()}.");
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
