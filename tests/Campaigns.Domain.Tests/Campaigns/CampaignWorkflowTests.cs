using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;

namespace Campaigns.Domain.Tests.Campaigns;

public class CampaignWorkflowTests
{
    private static string Money(decimal amount) => $"€{amount:0.##}";

    [Fact]
    public void A_submitted_campaign_waits_for_approval_and_can_no_longer_be_edited()
    {
        var c = CampaignRulesTests.Valid();
        c.Submit("marketer");
        Assert.Equal(CampaignStatus.PendingApproval, c.Status);
        Assert.False(c.IsEditable);
        Assert.Equal("marketer", c.SubmittedBy);
    }

    [Fact]
    public void An_invalid_campaign_cannot_be_submitted()
    {
        var c = CampaignRulesTests.Valid();
        c.Budget = 0;
        var ex = Assert.Throws<DomainException>(() => c.Submit("marketer"));
        Assert.Contains("budget", ex.Message);
        Assert.Equal(CampaignStatus.Draft, c.Status);
    }

    [Fact]
    public void Rejecting_needs_a_comment_and_returns_the_campaign_to_the_marketer()
    {
        var c = CampaignRulesTests.Valid();
        c.Submit("marketer");
        Assert.Throws<DomainException>(() => c.Reject("manager", "  "));
        c.Reject("manager", "Too deep a discount");
        Assert.Equal(CampaignStatus.Rejected, c.Status);
        Assert.True(c.IsEditable);
        Assert.Equal("Too deep a discount", c.ReviewComment);
        c.Submit("marketer");
        Assert.Null(c.ReviewComment);
    }

    [Fact]
    public void Only_a_pending_campaign_can_be_approved()
    {
        var c = CampaignRulesTests.Valid();
        Assert.Throws<DomainException>(() => c.Approve("manager", null, []));
        c.Submit("marketer");
        c.Approve("manager", "ok", []);
        Assert.Equal(CampaignStatus.Approved, c.Status);
        Assert.Equal("manager", c.ReviewedBy);
    }

    [Fact]
    public void Whoever_submitted_a_campaign_cannot_approve_it_but_can_still_reject_it()
    {
        var c = CampaignRulesTests.Valid();
        c.Submit("Lead@Example.com");
        var refused = Assert.Throws<DomainException>(() => c.Approve("lead@example.com", null, []));
        Assert.Equal("You submitted this campaign for approval; another Manager must approve it.", refused.Message);
        Assert.Equal(CampaignStatus.PendingApproval, c.Status);
        c.Reject("lead@example.com", "Withdrawn: wrong dates.");
        Assert.Equal(CampaignStatus.Rejected, c.Status);
    }

    [Fact]
    public void A_live_campaign_must_be_completed_before_it_is_archived()
    {
        var c = CampaignRulesTests.Valid();
        c.Submit("m");
        c.Approve("boss", null, []);
        c.Launch(0.1, [], Money);
        Assert.Throws<DomainException>(c.Archive);
        c.Complete();
        c.Archive();
        Assert.Equal(CampaignStatus.Archived, c.Status);
    }

    [Fact]
    public void Whoever_chose_a_line_or_its_body_cannot_approve_the_campaign_and_an_approval_signs_its_copy()
    {
        var c = CampaignRulesTests.Valid();
        c.Submit("marketer");
        CopyVariant[] copy = [new() { Headline = "Take 20% off today", CreatedBy = "marketer", BodyChosenBy = "Boss" }];
        var refused = Assert.Throws<DomainException>(() => c.Approve("boss", null, copy));
        Assert.Equal("You chose the copy “Take 20% off today” yourself; another Manager must approve it.", refused.Message);
        c.Approve("other", null, copy);
        Assert.Equal("other", copy[0].ApprovedBy);
    }

    [Fact]
    public void A_launch_builds_the_experiment_a_holdout_and_an_arm_per_approved_copy_line()
    {
        var c = CampaignRulesTests.Valid();
        c.Submit("m");
        CopyVariant[] copy = [new() { Headline = "One" }, new() { Headline = "Two" }];
        c.Approve("boss", null, copy);
        Assert.Throws<DomainException>(() => c.Launch(0.7, copy, Money));
        Assert.Throws<DomainException>(() => c.Launch(0.1, [.. copy, new() { Headline = "Unreviewed" }], Money));
        Assert.Equal(CampaignStatus.Approved, c.Status);

        var experiment = c.Launch(0.1, copy, Money);

        Assert.Equal(CampaignStatus.Live, c.Status);
        Assert.Equal(["Holdout", "Copy A: One", "Copy B: Two"], experiment.Arms.Select(a => a.Name));
        Assert.Equal([0.1, 0.45, 0.45], experiment.Arms.Select(a => a.Allocation));
        Assert.Equal(copy.Select(v => (Guid?)v.Id), experiment.Arms.Skip(1).Select(a => a.CopyVariantId));
    }
}
