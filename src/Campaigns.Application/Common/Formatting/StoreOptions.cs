using System.ComponentModel.DataAnnotations;

namespace Campaigns.Application.Common.Formatting;

/// <summary>Facts about the store that every page shows the same way.</summary>
public sealed class StoreOptions : IValidatableObject
{
    public const string Section = "Store";

    /// <summary>ISO 4217 code of the currency prices, budgets and revenue are in.</summary>
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Store:Currency must be an ISO 4217 code in capitals, e.g. EUR.")]
    public string Currency { get; set; } = "EUR";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MoneyFormat.CultureOf(Currency) is null)
            yield return new ValidationResult($"Store:Currency '{Currency}' is not the currency of any known region.", [nameof(Currency)]);
    }
}
