namespace Campaigns.Application.Offers;

/// <summary>
/// A multi-offer campaign's policy test as the results page shows it: the holdout, the model's-choice cell (when the
/// launch had a plan), each offer's random cell and the random cells pooled (a random offer per customer); and the
/// model's choice against each of them.
/// </summary>
public sealed record PolicyTestView(IReadOnlyList<PolicyCell> Cells, IReadOnlyList<PolicyComparison> Comparisons, bool HasModelChoice);
