using Campaigns.Application.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Customers;
using Campaigns.Application.Integration;

namespace Campaigns.Application.Tests.Integration;

public sealed class AssignmentServiceTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    [Fact]
    public async Task A_request_without_a_campaign_or_with_an_over_long_customer_id_names_each_field()
    {
        var result = await new AssignmentService(database.Factory, new MoneyFormat("EUR"), new BestSellerCache()).AssignAsync(new AssignmentRequest(null, new string('x', 101)), CancellationToken.None);
        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Equal(["campaignId", "customerId"], result.Errors.Select(e => e.Field));
        Assert.Equal("campaignId: required (the campaign's id, a GUID); customerId: at most 100 characters (got 101).", result.Message);
    }

    [Fact]
    public async Task An_unknown_campaign_is_not_found()
    {
        var result = await new AssignmentService(database.Factory, new MoneyFormat("EUR"), new BestSellerCache()).AssignAsync(new AssignmentRequest(Guid.Empty, "C1"), CancellationToken.None);
        Assert.Equal((Failure.NotFound, $"No campaign has id {Guid.Empty}."), (result.Failure, result.Message));
    }
}
