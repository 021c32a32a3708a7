using System.Text.RegularExpressions;

namespace Campaigns.Ml.Copy;

/// <summary>
/// The slots copy is written with. The corpus is de-lexicalized into them before training, so the model learns
/// "{discount} on {category}" rather than "15% off on shoes", and generation fills them from the promotion's own terms.
/// </summary>
public static partial class Slots
{
    public const string Discount = "{discount}";
    public const string Product = "{product}";
    public const string Category = "{category}";
    public const string Code = "{code}";
    public const string EndDate = "{end_date}";
    /// <summary>The customer's first name, known only at send time: filled with <see cref="NamePlaceholder"/>.</summary>
    public const string Name = "{name}";

    /// <summary>
    /// What {name} is filled with: a placeholder a reader sees as one, which the sending system replaces with each
    /// customer's first name (its merge field). Never a raw brace; only on channels that personalize
    /// (<see cref="CopyConditions.Personalizes"/>), which <see cref="TermsChecker"/> enforces.
    /// </summary>
    public const string NamePlaceholder = "[First name]";

    /// <summary>
    /// What {product} is filled with when the promotion features no product but the channel personalizes: a placeholder
    /// the sending system replaces with each customer's top recommended product (the audience export's
    /// <c>recommended_product</c>, the assignment API's <c>recommendedProduct</c>). Like <see cref="NamePlaceholder"/>,
    /// never on a channel that is the same for everyone, which <see cref="TermsChecker"/> enforces.
    /// </summary>
    public const string ProductPlaceholder = "[Recommended product]";

    public static readonly IReadOnlyList<string> All = [Discount, Product, Category, Code, EndDate, Name];

    [GeneratedRegex(@"\{(?:discount|product|category|code|end_date|name)\}")]
    internal static partial Regex Pattern();

    /// <summary>
    /// Fills every slot from the terms and capitalizes each sentence. Returns null when the line needs a value the promotion does not have
    /// (a {code} for an offer without a coupon, a {product} when none is featured and the channel does not personalize).
    /// </summary>
    /// <param name="channel">Where the line is shown: on one that personalizes, a {product} the promotion does not feature
    /// is each customer's own recommendation (<see cref="ProductPlaceholder"/>). Null: no channel, so no per-customer product.</param>
    public static string? Fill(string template, PromotionTerms terms, CopyChannel? channel = null)
    {
        var missing = false;
        var filled = Pattern().Replace(template, m =>
        {
            string? value = m.Value switch
            {
                Discount => terms.Offer,
                Product => terms.Product ?? (channel is { } c && CopyConditions.Personalizes(c) ? ProductPlaceholder : null),
                Category => terms.Category?.ToLowerInvariant(),
                Code => terms.Code,
                EndDate => terms.EndDate,
                _ => NamePlaceholder,
            };
            if (value is null) missing = true;
            return value ?? "";
        });
        return missing ? null : SentenceStart().Replace(filled.Trim(), m => m.Value.ToUpperInvariant());
    }

    // The first letter of the line and of each sentence after it: a slot filled in lower case ("shoes") may start one.
    [GeneratedRegex(@"(?:^|(?<=[.!?]\s))\p{Ll}")]
    private static partial Regex SentenceStart();
}
