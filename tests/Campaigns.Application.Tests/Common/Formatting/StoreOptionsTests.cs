using System.ComponentModel.DataAnnotations;
using Campaigns.Application.Common.Formatting;

namespace Campaigns.Application.Tests.Common.Formatting;

public sealed class StoreOptionsTests
{
    private static List<ValidationResult> Validate(StoreOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Policies_copy_is_checked_for_pass_in_any_case_and_others_fail_validation_with_the_known_ones_named()
    {
        Assert.Empty(Validate(new StoreOptions { Policies = ["Free returns", "next day delivery"] }));
        var error = Assert.Single(Validate(new StoreOptions { Policies = ["free returns", "free hugs"] })).ErrorMessage;
        Assert.Contains("'free hugs'", error);
        Assert.Contains("price match", error);
    }
}
