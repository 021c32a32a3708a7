using Campaigns.Domain.Models;

namespace Campaigns.Domain.Tests.Models;

public class ModelSignOffTests
{
    private static ModelSignOff Pending() =>
        ModelSignOff.Request(new ModelVersion { Version = 2, Learner = "T", ArtifactSha256 = "", TriggeredBy = "tests" }, "admin@demo.local", " Better on recent campaigns ");

    [Fact]
    public void The_admin_who_asked_cannot_sign_off_the_request()
    {
        var signOff = Pending();
        Assert.NotNull(signOff.Decide("ADMIN@demo.local", approve: true, null, DateTime.UtcNow));
        Assert.Equal(SignOffStatus.Pending, signOff.Status);
    }

    [Fact]
    public void A_refusal_needs_a_reason_and_a_decided_request_cannot_be_decided_again()
    {
        var signOff = Pending();
        Assert.NotNull(signOff.Decide("manager@demo.local", approve: false, " ", DateTime.UtcNow));
        Assert.Null(signOff.Decide("manager@demo.local", approve: false, "Too weak", DateTime.UtcNow));
        Assert.Equal((SignOffStatus.Rejected, "Too weak"), (signOff.Status, signOff.DecisionComment));
        Assert.NotNull(signOff.Decide("other@demo.local", approve: true, null, DateTime.UtcNow));
    }

    [Fact]
    public void Making_a_version_current_retires_the_current_one()
    {
        var current = new ModelVersion { Version = 1, Learner = "T", ArtifactSha256 = "", TriggeredBy = "tests", Status = ModelStatus.Current };
        var candidate = new ModelVersion { Version = 2, Learner = "S", ArtifactSha256 = "", TriggeredBy = "tests" };
        candidate.MakeCurrent([current], DateTime.UtcNow);
        Assert.Equal((ModelStatus.Retired, ModelStatus.Current), (current.Status, candidate.Status));
        Assert.Null(current.WhyNotRollBackTarget());
        Assert.NotNull(candidate.WhyNotPromotable());
        Assert.NotNull(candidate.WhyNotRollBackTarget());
    }

    [Theory]
    [InlineData(false, null, 0.02, "did not meet the bar")]
    [InlineData(false, 0.01, 0.02, "did not meet the bar")]
    [InlineData(true, 0.05, 0.02, "worse than the current version")]
    public void A_version_below_its_bar_or_worse_than_the_current_one_needs_a_sign_off_even_when_none_is_current(bool meetsBar, double? current, double metric, string reason)
    {
        var version = new ModelVersion { Version = 2, Learner = "T", ArtifactSha256 = "", TriggeredBy = "tests", MainMetric = metric, MeetsBar = meetsBar };
        Assert.Contains(reason, version.WhySignOffNeeded(current, new MainMetric("Qini", HigherIsBetter: true)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.01)]
    public void A_version_that_meets_its_bar_and_is_no_worse_needs_no_sign_off(double? current)
    {
        var version = new ModelVersion { Version = 2, Learner = "T", ArtifactSha256 = "", TriggeredBy = "tests", MainMetric = 0.02 };
        Assert.Null(version.WhySignOffNeeded(current, new MainMetric("Qini", HigherIsBetter: true)));
    }
}
