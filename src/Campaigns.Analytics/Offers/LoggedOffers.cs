namespace Campaigns.Analytics.Offers;

/// <summary>
/// Randomized logged data a policy is valued on: per row the arm it got, the reward it realized, and a model's predicted
/// reward under every arm (row-major, rows × arms); per arm its assignment probability (the arm's share when randomized).
/// </summary>
public sealed record LoggedOffers
{
    public LoggedOffers(IReadOnlyList<int> arm, IReadOnlyList<double> reward, IReadOnlyList<double> propensity, IReadOnlyList<double> predicted)
    {
        if (reward.Count != arm.Count) throw new ArgumentException($"{arm.Count} arms but {reward.Count} rewards.");
        if (propensity.Count == 0 || predicted.Count != arm.Count * propensity.Count)
            throw new ArgumentException($"Predicted rewards must be rows × arms = {arm.Count} × {propensity.Count}, not {predicted.Count}.");
        if (arm.Count == 0) throw new ArgumentException("There are no logged rows to value a policy on.");
        foreach (var a in arm)
        {
            if ((uint)a >= (uint)propensity.Count) throw new ArgumentException($"Logged arm {a} is not in 0..{propensity.Count - 1}.");
            if (propensity[a] is not (> 0 and <= 1)) throw new ArgumentException($"Arm {a} was logged but its propensity is {propensity[a]}.");
        }
        (Arm, Reward, Propensity, Predicted) = (arm, reward, propensity, predicted);
    }

    public IReadOnlyList<int> Arm { get; }
    public IReadOnlyList<double> Reward { get; }
    public IReadOnlyList<double> Propensity { get; }
    public IReadOnlyList<double> Predicted { get; }
    public int Count => Arm.Count;
    public int Arms => Propensity.Count;

    /// <summary>Propensities from the arms' shares of the rows (randomized data).</summary>
    public static IReadOnlyList<double> Shares(IReadOnlyList<int> arm, int arms)
    {
        var counts = new double[arms];
        foreach (var a in arm) counts[a]++;
        return counts.Select(c => c / arm.Count).ToArray();
    }
}
