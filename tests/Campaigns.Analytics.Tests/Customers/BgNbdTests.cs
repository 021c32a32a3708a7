using Campaigns.Analytics.Customers;

namespace Campaigns.Analytics.Tests.Customers;

public class BgNbdTests
{
    private static readonly BgNbd Model = new(0.25, 4, 0.8, 2.5);

    // Expected values from FHL 2005 eq. 6 evaluated with Python's math.lgamma:
    // ll(2, 30, 40) = −9.472115383926052, ll(0, 0, 40) = −0.5994738181995926, their sum with ll(1, 5, 20) = −14.624123473790299.
    [Fact]
    public void Log_likelihood_of_a_hand_made_history_matches_the_hand_computed_value()
    {
        Assert.Equal(-9.472115383926052, Model.LogLikelihood(2, 30, 40), 10);
        Assert.Equal(-0.5994738181995926, Model.LogLikelihood(0, 0, 40), 10);
        Assert.Equal(-14.624123473790299, Model.LogLikelihood([2, 0, 1], [30, 0, 5], [40, 40, 20]), 10);
    }

    [Fact]
    public void Probability_alive_is_one_without_repeat_purchases_and_matches_the_hand_computed_value_with_them()
    {
        Assert.Equal(1, Model.ProbabilityAlive(0, 0, 40));
        Assert.Equal(0.7100837893660441, Model.ProbabilityAlive(2, 30, 40), 12);
        Assert.True(Model.ProbabilityAlive(2, 5, 40) < Model.ProbabilityAlive(2, 35, 40), "a longer silence makes a customer less likely alive");
    }

    [Fact]
    public void Expected_purchases_without_dropout_are_the_posterior_rate_times_the_days()
    {
        // b huge: p ≈ 0, so nobody drops out and E[Y(t)] = t·(r + x)/(α + T) (Gamma–Poisson posterior mean).
        var model = new BgNbd(2, 10, 2, 1e7);
        Assert.Equal(30 * 5.0 / 60, model.ExpectedPurchases(30, 3, 45, 50), 3);
        Assert.Equal(0, model.ExpectedPurchases(0, 3, 45, 50));
    }

    [Fact]
    public void Fit_recovers_the_parameters_of_simulated_customers()
    {
        var (x, tx, t) = Simulated.BgNbd(20_000, r: 0.6, alpha: 12, a: 0.7, b: 2.5, seed: 7);
        var fit = BgNbd.Fit(x, tx, t);
        Assert.InRange(fit.R, 0.6 * 0.85, 0.6 * 1.15);
        Assert.InRange(fit.Alpha, 12 * 0.8, 12 * 1.2);
        Assert.InRange(fit.A, 0.7 * 0.7, 0.7 * 1.3);
        Assert.InRange(fit.B, 2.5 * 0.6, 2.5 * 1.4);
        Assert.True(fit.LogLikelihood(x, tx, t) >= new BgNbd(0.6, 12, 0.7, 2.5).LogLikelihood(x, tx, t) - 1e-6, "the fit is at least as likely as the truth");
    }

    [Fact]
    public void Expected_purchases_of_the_fit_match_what_simulated_customers_do_next()
    {
        // Simulate T + 180 days, fit on the first T, and compare the predicted to the actual total of the next 180 days.
        var random = new Random(3);
        var (x, tx, t, future) = (new double[8000], new double[8000], new double[8000], new double[8000]);
        for (var i = 0; i < x.Length; i++)
        {
            var lambda = Simulated.Gamma(random, 0.6, 12);
            var p = Simulated.Beta(random, 0.7, 2.5);
            t[i] = 200 + random.NextDouble() * 200;
            var now = 0.0;
            while (true)
            {
                now += -Math.Log(1 - random.NextDouble()) / lambda;
                if (now > t[i] + 180) break;
                if (now > t[i]) future[i]++;
                else (x[i], tx[i]) = (x[i] + 1, now);
                if (random.NextDouble() < p) break;
            }
        }
        var fit = BgNbd.Fit(x, tx, t);
        var predicted = Enumerable.Range(0, x.Length).Sum(i => fit.ExpectedPurchases(180, x[i], tx[i], t[i]));
        Assert.InRange(predicted / future.Sum(), 0.9, 1.1);
    }
}
