namespace Campaigns.Ml.Offers;

/// <summary>
/// A candidate learner's cross-validated doubly robust estimate of its plan's incremental profit per customer (over
/// sending nothing): the mean over folds, its standard error across folds, and each fold's value.
/// </summary>
public sealed record OfferCandidateScore(string Learner, double ProfitPerCustomer, double StandardError, IReadOnlyList<double> FoldValues, TimeSpan TrainingTime);
