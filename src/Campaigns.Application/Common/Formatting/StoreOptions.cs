using System.ComponentModel.DataAnnotations;
using Campaigns.Ml.Copy;

namespace Campaigns.Application.Common.Formatting;

/// <summary>Facts about the store that every page shows the same way.</summary>
public sealed class StoreOptions : IValidatableObject
{
    public const string Section = "Store";

    /// <summary>ISO 4217 code of the currency prices, budgets and revenue are in.</summary>
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Store:Currency must be an ISO 4217 code in capitals, e.g. EUR.")]
    public string Currency { get; set; } = "EUR";

    /// <summary>
    /// What the store promises on every order, which copy may then state whatever the offer (one of
    /// <see cref="TermsChecker.StorePolicies"/>: "free returns", "price match", ...). Empty: copy promises none of them.
    /// </summary>
    public List<string> Policies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MoneyFormat.CultureOf(Currency) is null)
            yield return new ValidationResult($"Store:Currency '{Currency}' is not the currency of any known region.", [nameof(Currency)]);
        foreach (var policy in Policies.Where(p => !TermsChecker.IsStorePolicy(p)))
            yield return new ValidationResult($"Store:Policies '{policy}' is not a policy copy is checked for; use one of: {string.Join(", ", TermsChecker.StorePolicies)}.",
                [nameof(Policies)]);
    }
}
