using System.Globalization;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Common.Formatting;

/// <summary>
/// Writes amounts in the store's currency: its symbol and its number of decimals, laid out as the UI culture
/// (en-US) writes money ("€1,250.00", "−€27.20"). One instance for the app, built from <see cref="StoreOptions"/>.
/// </summary>
public sealed class MoneyFormat
{
    private readonly NumberFormatInfo _format;

    public MoneyFormat(IOptions<StoreOptions> options) : this(options.Value.Currency) { }

    public MoneyFormat(string currency)
    {
        var culture = CultureOf(currency) ?? throw new ArgumentException($"'{currency}' is not the currency of any known region.", nameof(currency));
        Code = currency;
        Symbol = new RegionInfo(culture.Name).CurrencySymbol;
        _format = (NumberFormatInfo)Display.Numbers.Clone();
        _format.CurrencySymbol = Symbol;
        _format.CurrencyDecimalDigits = culture.NumberFormat.CurrencyDecimalDigits;
    }

    /// <summary>The ISO code, e.g. "EUR".</summary>
    public string Code { get; }

    /// <summary>What stands for the currency beside an amount or in an input's adornment, e.g. "€".</summary>
    public string Symbol { get; }

    /// <summary>An amount with the currency's usual decimals: "€1,250.00".</summary>
    public string Format(decimal amount) => amount.ToString("C", _format);

    /// <summary>An amount with the currency's usual decimals: "€1,250.00".</summary>
    public string Format(double amount) => Format((decimal)Display.Round(amount, _format.CurrencyDecimalDigits));

    /// <summary>A change of an amount, always signed: "+€1.25", "−€27.20".</summary>
    public string Signed(double amount) => (Display.Round(amount, _format.CurrencyDecimalDigits) > 0 ? "+" : "") + Format(amount);

    /// <summary>
    /// An amount per customer one decimal finer than money usually is, where models differ by fractions of a cent: "−€0.016".
    /// </summary>
    public string Fine(double amount)
    {
        var digits = _format.CurrencyDecimalDigits + 1;
        return Display.Round(amount, digits).ToString("C" + digits, _format);
    }

    /// <summary>An amount in whole units, for chart ticks and estimates whose cents mean nothing: "€1,250".</summary>
    public string Whole(double amount) => Display.Round(amount, 0).ToString("C0", _format);

    /// <summary>
    /// A culture of a region that pays in this currency, preferring an English one so the symbol reads as an
    /// English reader expects ("$" rather than "US$"); null when no region uses it.
    /// </summary>
    public static CultureInfo? CultureOf(string currency)
    {
        var cultures = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Where(c => c.Name.Length > 0 && RegionCurrency(c) == currency).ToList();
        return cultures.FirstOrDefault(c => c.Name == "en-US")
            ?? cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == "en")
            ?? cultures.FirstOrDefault();
    }

    private static string? RegionCurrency(CultureInfo culture)
    {
        try { return new RegionInfo(culture.Name).ISOCurrencySymbol; }
        catch (ArgumentException) { return null; }
    }
}
