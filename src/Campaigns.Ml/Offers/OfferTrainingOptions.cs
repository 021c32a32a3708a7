using Campaigns.Ml.Uplift;

namespace Campaigns.Ml.Offers;

public sealed record OfferTrainingOptions
{
    /// <summary>Auto compares T, X, DR and Neural by cross-validated policy value.</summary>
    public UpliftLearner Learner { get; init; } = UpliftLearner.Auto;
    /// <summary>Cross-validation folds for the comparison and the evaluation (at least 2).</summary>
    public int Folds { get; init; } = 3;
    public int Seed { get; init; } = 42;
    /// <summary>Cap for ML.NET / TorchSharp threads; null = all cores.</summary>
    public int? Threads { get; init; }
    /// <summary>
    /// (row, arm, gross basket) → what that purchase is worth to the store: margin × basket minus what the arm's offer
    /// gives away (arm 0, no offer: margin × basket).
    /// </summary>
    public required Func<int, int, double, double> PurchaseValue { get; init; }
    /// <summary>
    /// What each row's experiment randomized among (two arms only: none and an offer described by the features); null:
    /// each row chooses among the arms, with the arms' shares as propensities.
    /// </summary>
    public OfferChoices? Choices { get; init; }
}
