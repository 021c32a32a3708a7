using Campaigns.Analytics.Customers;

namespace Campaigns.Analytics.Tests.Customers;

public class GammaGammaTests
{
    [Fact]
    public void Fit_recovers_the_mean_order_value_and_shrinks_a_customer_toward_it()
    {
        var random = new Random(11);
        var (orders, means) = (new double[20_000], new double[20_000]);
        for (var i = 0; i < orders.Length; i++)
        {
            var nu = Simulated.Gamma(random, 4, 15); // q = 4, γ = 15
            orders[i] = 1 + random.Next(8);
            var sum = 0.0;
            for (var k = 0; k < orders[i]; k++) sum += Simulated.Gamma(random, 6, nu); // p = 6
            means[i] = sum / orders[i];
        }
        var fit = GammaGamma.Fit(orders, means);
        Assert.InRange(fit.P * fit.Scale / (fit.Q - 1), 30 * 0.93, 30 * 1.07); // population mean pγ/(q − 1) = 30
        Assert.InRange(fit.P, 6 * 0.75, 6 * 1.25);
        Assert.InRange(fit.Q, 4 * 0.75, 4 * 1.25);
        var oneOrder = fit.ExpectedOrderValue(1, 100);
        Assert.InRange(oneOrder, 30, 100);
        Assert.True(fit.ExpectedOrderValue(20, 100) > oneOrder, "more orders at the same mean move the estimate toward the customer's own mean");
    }
}
