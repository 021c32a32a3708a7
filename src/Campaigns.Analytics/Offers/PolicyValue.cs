namespace Campaigns.Analytics.Offers;

/// <summary>
/// Off-policy value of a policy on randomized logged data (Dudík, Langford &amp; Li 2011). A policy gives each row a
/// probability for every arm (a deterministic one: 1 for its arm). Per row, IPS = π(a)/e(a)·r and
/// DR = Σ_k π(k)·μ_k + π(a)/e(a)·(r − μ_a); the value is their mean, its interval from their standard error.
/// </summary>
public static class PolicyValue
{
    /// <param name="policy">(row, arm) → the probability the policy gives that arm at that row.</param>
    public static PolicyEstimate Evaluate(LoggedOffers data, Func<int, int, double> policy)
    {
        var (ips, dr) = Scores(data, policy);
        return new PolicyEstimate(ValueEstimate.Of(ips), ValueEstimate.Of(dr));
    }

    /// <param name="policy">row → the arm the policy gives it.</param>
    public static PolicyEstimate Evaluate(LoggedOffers data, Func<int, int> policy) => Evaluate(data, Deterministic(policy));

    /// <summary>Value of a policy minus that of a baseline, scored row by row (paired), so the interval is of the difference.</summary>
    public static PolicyEstimate Difference(LoggedOffers data, Func<int, int> policy, Func<int, int> baseline)
    {
        var (ips, dr) = Scores(data, Deterministic(policy));
        var (ipsBase, drBase) = Scores(data, Deterministic(baseline));
        for (var i = 0; i < data.Count; i++)
        {
            ips[i] -= ipsBase[i];
            dr[i] -= drBase[i];
        }
        return new PolicyEstimate(ValueEstimate.Of(ips), ValueEstimate.Of(dr));
    }

    /// <summary>Every row gets the same arm.</summary>
    public static PolicyEstimate FixedArm(LoggedOffers data, int arm) => Evaluate(data, _ => arm);

    /// <summary>Every row gets one of the treatment arms 1..K-1 uniformly at random.</summary>
    public static PolicyEstimate RandomTreatment(LoggedOffers data) =>
        data.Arms < 2 ? throw new ArgumentException("A random treatment needs at least one treatment arm.")
            : Evaluate(data, (_, k) => k == 0 ? 0 : 1.0 / (data.Arms - 1));

    private static Func<int, int, double> Deterministic(Func<int, int> policy) => (row, k) => policy(row) == k ? 1 : 0;

    private static (double[] Ips, double[] Dr) Scores(LoggedOffers data, Func<int, int, double> policy)
    {
        var (ips, dr) = (new double[data.Count], new double[data.Count]);
        var arms = data.Arms;
        for (var i = 0; i < data.Count; i++)
        {
            var a = data.Arm[i];
            var weight = policy(i, a) / data.Propensity[a];
            var direct = 0.0;
            for (var k = 0; k < arms; k++)
                if (policy(i, k) is var p and not 0) direct += p * data.Predicted[i * arms + k];
            ips[i] = weight * data.Reward[i];
            dr[i] = direct + weight * (data.Reward[i] - data.Predicted[i * arms + a]);
        }
        return (ips, dr);
    }
}
