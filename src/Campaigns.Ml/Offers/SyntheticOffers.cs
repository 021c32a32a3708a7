using Campaigns.Ml.Uplift;

namespace Campaigns.Ml.Offers;

/// <summary>
/// A randomized test of three offers whose true responses are known, for tests and benchmarks. Arms: none, pct10 (10%
/// off), pct20 (20% off), freeship (free shipping, worth the fee on baskets under the threshold). Deal seekers (high
/// deal_affinity) buy much more with 20% off and a little more with 10%; small-basket mobile customers buy more with
/// free shipping; premium customers (high past_basket) are put off by discounts. Everyone else moves a little.
/// True P(buy) and expected basket per arm are kept, so a plan's true profit can be computed (at the expected basket).
/// </summary>
public sealed record SyntheticOffers(UpliftDataset Data, float[] Baskets, float[][] TrueProbability, float[][] TrueBasket)
{
    public const double Margin = 0.40;
    public const double ShippingFee = 4.95;
    public const double FreeShippingFrom = 60;
    public static readonly string[] ArmNames = ["none", "pct10", "pct20", "freeship"];
    private static readonly string[] Devices = ["mobile", "desktop"];
    private static readonly string[] Regions = ["north", "south", "east", "west"];

    /// <summary>Margin × basket minus what the arm's offer gives away on it.</summary>
    public static double PurchaseValue(int arm, double basket) => Margin * basket - arm switch
    {
        1 => 0.10 * basket,
        2 => 0.20 * basket,
        3 => basket < FreeShippingFrom ? ShippingFee : 0,
        _ => 0,
    };

    /// <summary>The true expected incremental profit of an arm for a row.</summary>
    public double TrueProfit(int row, int arm) =>
        TrueProbability[arm][row] * PurchaseValue(arm, TrueBasket[arm][row]) - TrueProbability[0][row] * PurchaseValue(0, TrueBasket[0][row]);

    /// <summary>True incremental profit per customer of giving each row the arm <paramref name="plan"/> names.</summary>
    public double ProfitOf(Func<int, int> plan) => Enumerable.Range(0, Data.Count).Average(row => TrueProfit(row, plan(row)));

    /// <summary>Each row's truly best arm, or none when no offer pays.</summary>
    public int OracleArm(int row)
    {
        var (best, profit) = (0, 0.0);
        for (var k = 1; k < ArmNames.Length; k++) if (TrueProfit(row, k) > profit) (best, profit) = (k, TrueProfit(row, k));
        return best;
    }

    public static SyntheticOffers Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var data = new UpliftDataset(["deal_affinity", "past_basket", "visits", "tenure", "x0", "x1"], ["device", "region"], ArmNames);
        var arms = ArmNames.Length;
        var probability = Enumerable.Range(0, arms).Select(_ => new float[rows]).ToArray();
        var expected = Enumerable.Range(0, arms).Select(_ => new float[rows]).ToArray();
        var baskets = new float[rows];
        var numeric = new float[6];
        var categorical = new string?[2];
        for (var i = 0; i < rows; i++)
        {
            var deal = random.NextDouble();
            var pastBasket = 15 + 150 * Math.Pow(random.NextDouble(), 2);
            var visits = random.Next(0, 20);
            var tenure = random.NextDouble() * 5;
            var (x0, x1) = (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
            var mobile = random.NextDouble() < 0.5;
            (numeric[0], numeric[1], numeric[2], numeric[3], numeric[4], numeric[5]) = ((float)deal, (float)pastBasket, visits, (float)tenure, (float)x0, (float)x1);
            (categorical[0], categorical[1]) = (mobile ? Devices[0] : Devices[1], Regions[random.Next(Regions.Length)]);

            var baseline = -2.6 + 0.06 * visits + 0.3 * x0 + (deal > 0.7 ? -0.4 : 0);
            var (dealSeeker, smallMobile, premium) = (deal > 0.7, mobile && pastBasket < 45, pastBasket > 110);
            var shift = new double[arms];
            shift[1] = dealSeeker ? 0.6 : premium ? -0.5 : 0.1;
            shift[2] = dealSeeker ? 1.7 : premium ? -0.7 : 0.15;
            shift[3] = smallMobile ? 1.2 : premium ? 0 : 0.1;
            for (var k = 0; k < arms; k++)
            {
                probability[k][i] = (float)(1 / (1 + Math.Exp(-(baseline + shift[k]))));
                // Discounts lift the basket a little; free shipping does not.
                expected[k][i] = (float)(pastBasket * (k == 1 ? 1.05 : k == 2 ? 1.1 : 1.0));
            }
            var arm = random.Next(arms);
            var bought = random.NextDouble() < probability[arm][i];
            // Gamma-like noise with mean 1 around the expected basket.
            baskets[i] = bought ? (float)(expected[arm][i] * Math.Exp(0.3 * Gaussian(random) - 0.045)) : 0;
            data.Add($"c{i}", numeric, categorical, arm, bought ? 1 : 0);
        }
        return new SyntheticOffers(data, baskets, probability, expected);
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
