using Campaigns.Ml.Offers;

namespace Campaigns.Ml.Tests.Offers;

public class OfferChoiceTests
{
    private static OfferCandidateScore Score(string learner, double mean, double standardError) => new(learner, mean, standardError, [], TimeSpan.Zero);

    [Fact]
    public void Within_one_standard_error_of_the_best_the_most_stable_candidate_is_chosen() =>
        // X's 0.90 is within 1.00 - 0.30 of T's mean and varies least; DR's 0.50 is not within reach.
        Assert.Equal(1, OfferTrainer.Choose([Score("T", 1.00, 0.30), Score("X", 0.90, 0.05), Score("DR", 0.50, 0.01)]));

    [Fact]
    public void A_clearly_best_candidate_is_chosen() =>
        Assert.Equal(2, OfferTrainer.Choose([Score("T", 0.60, 0.01), Score("X", 0.70, 0.02), Score("DR", 0.90, 0.05)]));
}
