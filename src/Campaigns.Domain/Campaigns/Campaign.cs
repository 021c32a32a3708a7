namespace Campaigns.Domain.Campaigns;

public enum CampaignStatus { Draft, PendingApproval, Approved, Rejected, Live, Completed, Archived }

/// <summary>A promotion launched to an audience, measured by an experiment.</summary>
public sealed class Campaign : Entity
{
    public required string Name { get; set; }
    public string? Description { get; set; }
    public Promotion Promotion { get; set; } = new();
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public decimal Budget { get; set; }
    public CampaignStatus Status { get; private set; } = CampaignStatus.Draft;
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public string? SubmittedBy { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? ReviewComment { get; private set; }
    /// <summary>Optimistic concurrency: two people saving the same campaign must not silently overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public bool IsEditable => Status is CampaignStatus.Draft or CampaignStatus.Rejected;

    public void Submit(string user)
    {
        Require(IsEditable, "Only a draft or rejected campaign can be submitted for approval.");
        var errors = CampaignRules.Validate(this);
        Require(errors.Count == 0, "The campaign has errors: " + string.Join(" ", errors.Select(e => e.Message)));
        Status = CampaignStatus.PendingApproval;
        SubmittedBy = user;
        ReviewedBy = null;
        ReviewComment = null;
    }

    public const string OwnSubmission = "You submitted this campaign for approval; another Manager must approve it.";

    public void Approve(string manager, string? comment)
    {
        Require(Status == CampaignStatus.PendingApproval, "Only a campaign waiting for approval can be approved.");
        // Four eyes: the review is worth something only if someone else does it.
        Require(!string.Equals(manager, SubmittedBy, StringComparison.OrdinalIgnoreCase), OwnSubmission);
        Status = CampaignStatus.Approved;
        ReviewedBy = manager;
        ReviewComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    public void Reject(string manager, string comment)
    {
        Require(Status == CampaignStatus.PendingApproval, "Only a campaign waiting for approval can be rejected.");
        Require(!string.IsNullOrWhiteSpace(comment), "Say why the campaign is rejected, so the marketer can fix it.");
        Status = CampaignStatus.Rejected;
        ReviewedBy = manager;
        ReviewComment = comment.Trim();
    }

    public void GoLive()
    {
        Require(Status == CampaignStatus.Approved, "Only an approved campaign can go live.");
        Status = CampaignStatus.Live;
    }

    public void Complete()
    {
        Require(Status == CampaignStatus.Live, "Only a live campaign can be completed.");
        Status = CampaignStatus.Completed;
    }

    public void Archive()
    {
        Require(Status != CampaignStatus.Live, "A live campaign must be completed before it is archived.");
        Require(Status != CampaignStatus.Archived, "The campaign is already archived.");
        Status = CampaignStatus.Archived;
    }

    /// <summary>Restores a stored status; used by the demo generator and imports of past campaigns.</summary>
    public void RestoreStatus(CampaignStatus status) => Status = status;

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new DomainException(message);
    }
}
