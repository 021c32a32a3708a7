using Campaigns.Ml.Uplift;

namespace Campaigns.Ml.Offers;

/// <summary>
/// What each training row's experiment randomized among, so the folds judge a candidate on choosing an offer and not only
/// on whether to send the row's own: pooled rows carry their offer's terms as features under one treated arm, and a row
/// from an experiment that tried several offers is scored on the plan's pick among them (or none). Rows of an
/// experiment with one offer (or of an arm whose offer was not randomized) have no alternatives: their own features
/// carry their offer. Every row has the probability of what it got in its experiment.
/// </summary>
public sealed class OfferChoices
{
    private readonly int[] _first;
    private readonly int[] _logged;
    private readonly Func<int, double, double> _purchaseValue;

    /// <param name="alternatives">Rows with the features of a training row and the terms of one of its experiment's offers, grouped by training row in order.</param>
    /// <param name="first">Per training row, its first alternative; <c>first[row + 1] - first[row]</c> alternatives (rows + 1 entries).</param>
    /// <param name="logged">Per training row, the index among its alternatives of the offer it got, or -1 for none (ignored without alternatives).</param>
    /// <param name="propensity">Per training row, the probability its experiment gave it what it got.</param>
    /// <param name="purchaseValue">(alternative, gross basket) → what that purchase is worth to the store under the alternative's offer.</param>
    public OfferChoices(UpliftDataset alternatives, int[] first, int[] logged, double[] propensity, Func<int, double, double> purchaseValue)
    {
        if (first.Length != logged.Length + 1 || propensity.Length != logged.Length)
            throw new ArgumentException($"Give one logged choice and one propensity per row and rows + 1 offsets, not {logged.Length}, {propensity.Length} and {first.Length}.");
        if (first[0] != 0 || first[^1] != alternatives.Count)
            throw new ArgumentException($"The offsets must run from 0 to the {alternatives.Count:N0} alternatives.");
        for (var row = 0; row < logged.Length; row++)
        {
            if (first[row + 1] < first[row]) throw new ArgumentException($"Row {row}'s alternatives end before they start.");
            var count = first[row + 1] - first[row];
            if (count > 0 && (logged[row] < -1 || logged[row] >= count))
                throw new ArgumentException($"Row {row} got alternative {logged[row]} of {count}.");
            if (propensity[row] is not (> 0 and <= 1)) throw new ArgumentException($"Row {row} got what it got with probability {propensity[row]}.");
        }
        (Alternatives, _first, _logged, Propensity, _purchaseValue) = (alternatives, first, logged, propensity, purchaseValue);
    }

    public UpliftDataset Alternatives { get; }
    public IReadOnlyList<double> Propensity { get; }
    public int Rows => _logged.Length;

    /// <summary>The row's alternatives as a range of <see cref="Alternatives"/> (empty: its own offer is its only one).</summary>
    public Range Of(int row) => _first[row].._first[row + 1];

    /// <summary>Index among the row's alternatives of the offer it got, -1 for none.</summary>
    public int Logged(int row) => _logged[row];

    public double PurchaseValue(int alternative, double basket) => _purchaseValue(alternative, basket);
}
