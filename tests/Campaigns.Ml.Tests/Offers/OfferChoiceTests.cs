using Campaigns.Ml.Offers;

namespace Campaigns.Ml.Tests.Offers;

public class OfferChoiceTests
{
    private static OfferCandidateScore Score(string learner, double mean, double standardError) => new(learner, mean, standardError, [], TimeSpan.Zero);

    [Fact]
    public void Within_one_standard_error_of_the_best_the_simplest_candidate_is_chosen() =>
        // X is best, T's 0.75 is within 0.90 - 0.20 of it and T is the simplest; DR's 0.50 is not within reach.
        Assert.Equal(0, OfferTrainer.Choose([Score("T", 0.75, 0.10), Score("X", 0.90, 0.20), Score("DR", 0.50, 0.01)]));

    [Fact]
    public void A_timid_candidate_that_varies_least_does_not_win_for_it() =>
        // Neural's plan sends almost nothing: its value barely varies across folds, but X is best and simpler.
        Assert.Equal(1, OfferTrainer.Choose([Score("T", -0.016, 0.016), Score("X", 0.005, 0.016), Score("DR", -0.016, 0.017), Score("Neural", -0.004, 0.006)]));

    [Fact]
    public void A_clearly_best_candidate_is_chosen() =>
        Assert.Equal(2, OfferTrainer.Choose([Score("T", 0.60, 0.01), Score("X", 0.70, 0.02), Score("DR", 0.90, 0.05)]));
}
