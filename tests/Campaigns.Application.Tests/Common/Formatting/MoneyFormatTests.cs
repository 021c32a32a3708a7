using System.ComponentModel.DataAnnotations;
using Campaigns.Application.Common.Formatting;

namespace Campaigns.Application.Tests.Common.Formatting;

public class MoneyFormatTests
{
    [Fact]
    public void Euros_are_written_with_the_euro_sign_in_the_UI_culture_layout() =>
        Assert.Equal("€1,250.00", new MoneyFormat("EUR").Format(1250m));

    [Theory]
    [InlineData("USD", "$")]
    [InlineData("GBP", "£")]
    [InlineData("EUR", "€")]
    public void The_symbol_is_the_one_an_English_reader_knows_for_the_code(string code, string symbol) =>
        Assert.Equal(symbol, new MoneyFormat(code).Symbol);

    [Fact]
    public void A_loss_has_a_real_minus_sign() => Assert.Equal("−€27.20", new MoneyFormat("EUR").Format(-27.1958));

    [Fact]
    public void A_change_of_an_amount_is_signed() => Assert.Equal("+€3.50", new MoneyFormat("EUR").Signed(3.5));

    [Fact]
    public void A_currency_without_cents_is_written_without_decimals()
    {
        var yen = new MoneyFormat("JPY");
        Assert.Equal(yen.Symbol + "1,250", yen.Format(1250.4m));
    }

    [Fact]
    public void Fine_amounts_show_a_tenth_of_a_cent_so_small_per_customer_differences_read() =>
        Assert.Equal("−€0.016", new MoneyFormat("EUR").Fine(-0.0163));

    [Fact]
    public void Whole_amounts_drop_the_cents() => Assert.Equal("£12,346", new MoneyFormat("GBP").Whole(12_345.6));

    [Fact]
    public void A_code_no_region_uses_fails_validation()
    {
        var options = new StoreOptions { Currency = "XYZ" };
        var results = new List<ValidationResult>();
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        Assert.False(valid);
        Assert.Contains("XYZ", Assert.Single(results).ErrorMessage);
    }
}
