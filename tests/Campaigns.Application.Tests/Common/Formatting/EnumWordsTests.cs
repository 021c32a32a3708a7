using Campaigns.Analytics;
using Campaigns.Application.Common.Formatting;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Integration;
using Campaigns.Domain.Jobs;
using Campaigns.Domain.Models;

namespace Campaigns.Application.Tests.Common.Formatting;

public class EnumWordsTests
{
    [Fact]
    public void PascalCase_is_split_into_a_sentence_case_phrase()
    {
        Assert.Equal("Fixed amount off", PromotionType.FixedAmountOff.ToWords());
        Assert.Equal("Uplift targeting", ModelKind.UpliftTargeting.ToWords());
        Assert.Equal("Succeeded", JobStatus.Succeeded.ToWords());
    }

    [Fact]
    public void Values_whose_split_is_not_what_users_call_them_are_overridden()
    {
        Assert.Equal("Waiting for approval", CampaignStatus.PendingApproval.ToWords());
        Assert.Equal("On-site banner", Channel.OnsiteBanner.ToWords());
        Assert.Equal("Benjamini–Hochberg (FDR)", CorrectionMethod.BenjaminiHochberg.ToWords());
    }

    [Fact]
    public void Combined_flags_are_listed() => Assert.Equal("Assign, Ingest", (ApiScopes.Assign | ApiScopes.Ingest).ToWords());

    [Fact]
    public void A_stored_learner_name_reads_as_the_learner_and_an_unknown_one_as_stored()
    {
        Assert.Equal("DR-learner", EnumWords.Learner("DR"));
        Assert.Equal("GRU", EnumWords.Learner("GRU"));
    }
}
