using Campaigns.Domain.Copy;
using Campaigns.Domain.Experiments;

namespace Campaigns.Domain.Campaigns;

/// <summary>A promotion launched to an audience, measured by an experiment.</summary>
public sealed class Campaign : Entity
{
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>The campaign's offer; with <see cref="AlternativeOffers"/>, the first of the offers it tests.</summary>
    public Promotion Promotion { get; set; } = new();
    /// <summary>
    /// Further offers tested against <see cref="Promotion"/> (empty for a campaign with one offer). A list beside the main
    /// offer rather than a list of all, so every campaign keeps one offer that copy, imports and reports read as before.
    /// </summary>
    public List<Promotion> AlternativeOffers { get; set; } = [];
    /// <summary>Every offer in its position: 0 is <see cref="Promotion"/>, i is <c>AlternativeOffers[i - 1]</c> (what <c>AudienceMember.OfferPosition</c> names).</summary>
    public IReadOnlyList<Promotion> Offers => [Promotion, .. AlternativeOffers];
    /// <summary>The offer at a position of <see cref="Offers"/> (what a plan names per customer); null for none, or a position no longer among them.</summary>
    public Promotion? OfferAt(int? position) => position is { } i && i >= 0 && i < Offers.Count ? Offers[i] : null;

    /// <summary>A campaign that tests offers against each other (and so no copy variants).</summary>
    public bool HasSeveralOffers => AlternativeOffers.Count > 0;
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public decimal Budget { get; set; }
    /// <summary>
    /// Transactional (an order confirmation, a service notice): contact rules neither cap its customers nor count its
    /// contacts against other campaigns.
    /// </summary>
    public bool ContactRulesExempt { get; set; }
    public CampaignStatus Status { get; private set; } = CampaignStatus.Draft;
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public string? SubmittedBy { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? ReviewComment { get; private set; }
    /// <summary>Optimistic concurrency: two people saving the same campaign must not silently overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>
    /// The statuses in which a campaign's terms and copy may change: before review, or when review sent it back. A list
    /// so a query can hold the campaign's row on the same condition (<c>EditableStatuses.Contains(c.Status)</c>).
    /// </summary>
    public static readonly CampaignStatus[] EditableStatuses = [CampaignStatus.Draft, CampaignStatus.Rejected];

    public static bool IsEditableIn(CampaignStatus status) => EditableStatuses.Contains(status);

    public bool IsEditable => IsEditableIn(Status);

    /// <summary>Once launched (and after), the audience is fixed, or the experiment measuring it would change under it.</summary>
    public bool AudienceIsFixed => Status is CampaignStatus.Live or CampaignStatus.Completed or CampaignStatus.Archived;

    /// <summary>A campaign tests at most this many copy variants against each other (each is an arm beside the holdout).</summary>
    public const int MaxCopyVariants = 4;

    /// <summary>A campaign tests at most this many offers, the main one included (each is an arm beside the holdout).</summary>
    public const int MaxOffers = 5;

    /// <summary>The name of the arm whose customers each get the offer the saved audience's plan chose for them.</summary>
    public const string ModelChoiceArm = "Model's choice";

    /// <summary>Why a campaign with several offers carries no copy variants (decision 0045): one test, one question.</summary>
    public const string OffersNotCopy =
        "A campaign with several offers tests the offers against each other, not copy: remove the chosen copy, or keep one offer.";

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

    /// <summary>Approves the campaign with its chosen copy: each copy variant records the Manager who approved it.</summary>
    /// <param name="copy">All the copy chosen for the campaign.</param>
    public void Approve(string manager, string? comment, IReadOnlyCollection<CopyVariant> copy)
    {
        Require(Status == CampaignStatus.PendingApproval, "Only a campaign waiting for approval can be approved.");
        if (WhyNotApprover(manager, copy) is { } own) throw new DomainException(own);
        Status = CampaignStatus.Approved;
        ReviewedBy = manager;
        ReviewComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var now = DateTime.UtcNow;
        foreach (var variant in copy) (variant.ApprovedBy, variant.ApprovedAt) = (manager, now);
    }

    /// <summary>
    /// Why <paramref name="manager"/> may not approve the campaign, or null: by <see cref="FourEyes"/>, nobody approves a
    /// campaign they submitted, nor copy (a line or a body) they chose or wrote. They may still reject it.
    /// </summary>
    public string? WhyNotApprover(string manager, IEnumerable<CopyVariant> copy) =>
        FourEyes.IsAuthor(manager, SubmittedBy) ? OwnSubmission
        : copy.FirstOrDefault(v => FourEyes.IsAuthor(manager, v.CreatedBy, v.BodyChosenBy)) is { } own
            ? $"You chose the copy “{own.Headline}” yourself; another Manager must approve it." : null;

    public void Reject(string manager, string comment)
    {
        Require(Status == CampaignStatus.PendingApproval, "Only a campaign waiting for approval can be rejected.");
        Require(!string.IsNullOrWhiteSpace(comment), "Say why the campaign is rejected, so the marketer can fix it.");
        Status = CampaignStatus.Rejected;
        ReviewedBy = manager;
        ReviewComment = comment.Trim();
    }

    /// <summary>
    /// Launches the approved campaign: it goes live with its experiment, a random holdout that gets nothing (the control)
    /// and, sharing the rest of the traffic, an arm per chosen copy variant (without copy, one arm with the offer), or for
    /// a campaign with several offers an arm per offer and, when the saved audience carries a plan, the model's choice.
    /// </summary>
    /// <param name="copy">The chosen copy in the order it was chosen, all of it approved with the campaign.</param>
    /// <param name="money">Writes an amount in the offer arms' names (their terms).</param>
    /// <param name="modelChoice">Adds the <see cref="ModelChoiceArm"/>: the saved audience names an offer (or none) per customer.</param>
    /// <param name="traffic">Thompson sampling re-weights the copy arms; it needs two of them or more.</param>
    public Experiment Launch(double holdoutShare, IReadOnlyList<CopyVariant> copy, Func<decimal, string> money, bool modelChoice = false,
        TrafficAllocation traffic = TrafficAllocation.Fixed)
    {
        Holdout.Require(holdoutShare);
        Require(Status == CampaignStatus.Approved, "Only an approved campaign can go live.");
        Require(copy.Count <= MaxCopyVariants && copy.All(v => v.ApprovedBy is not null),
            "The campaign's copy changed after it was approved: send it back for review before launching.");
        Require(!HasSeveralOffers || copy.Count == 0, OffersNotCopy);
        Require(!modelChoice || HasSeveralOffers, "Only a campaign with several offers has a model's choice to test.");
        Require(traffic == TrafficAllocation.Fixed || copy.Count >= 2, "Thompson sampling shares traffic between copy variants: choose two or more.");
        Status = CampaignStatus.Live;
        var experiment = new Experiment { CampaignId = Id, Name = Name, Status = ExperimentStatus.Running, StartedAt = DateTime.UtcNow, Traffic = traffic };
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Holdout", Position = 0, Allocation = holdoutShare, IsControl = true });
        var shares = TreatedArmShares(holdoutShare, copy.Count, modelChoice);
        if (HasSeveralOffers) AddOfferArms(experiment, shares);
        else if (copy.Count == 0)
            experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = Promotion.Describe(money), Position = 1, Allocation = shares[0] });
        for (var i = 0; i < copy.Count; i++)
            experiment.Arms.Add(new Arm
            {
                ExperimentId = experiment.Id, Name = CopyArmName(i, copy[i].Headline), Position = i + 1,
                Allocation = shares[i], CopyVariantId = copy[i].Id,
            });
        return experiment;

        void AddOfferArms(Experiment e, IReadOnlyList<double> allocations)
        {
            // One arm per offer named by its terms, each carrying its terms (so an arm reads the same whatever the
            // order of the offers), then the model's choice when it has a share.
            var offers = Offers;
            for (var i = 0; i < offers.Count; i++)
            {
                var arm = new Arm { ExperimentId = e.Id, Name = offers[i].Describe(money), Position = i + 1, Allocation = allocations[i] };
                arm.OverridePromotion(offers[i]);
                e.Arms.Add(arm);
            }
            if (modelChoice)
                e.Arms.Add(new Arm { ExperimentId = e.Id, Name = ModelChoiceArm, Position = offers.Count + 1, Allocation = allocations[offers.Count], IsModelChoice = true });
        }
    }

    /// <summary>
    /// The traffic share of each arm beside the holdout that <see cref="Launch"/> creates, in the arms' order: one per
    /// offer (with the model's choice, the offers share half the treated traffic and the model's choice gets the other
    /// half), else one per copy variant, else one. The launch plan sizes the test on these, so it plans the arms made.
    /// </summary>
    /// <param name="copyVariants">The chosen copy variants (none for a campaign with several offers).</param>
    /// <param name="modelChoice">The launch adds the <see cref="ModelChoiceArm"/> (only with several offers).</param>
    public IReadOnlyList<double> TreatedArmShares(double holdoutShare, int copyVariants, bool modelChoice)
    {
        var treated = 1 - holdoutShare;
        if (!HasSeveralOffers) return Enumerable.Repeat(treated / Math.Max(1, copyVariants), Math.Max(1, copyVariants)).ToList();
        var offersShare = modelChoice ? treated / 2 : treated;
        var shares = Enumerable.Repeat(offersShare / Offers.Count, Offers.Count).ToList();
        if (modelChoice) shares.Add(treated - offersShare);
        return shares;
    }

    /// <summary>The arm of the <paramref name="index"/>-th copy variant: a letter and the start of its headline.</summary>
    public static string CopyArmName(int index, string headline) =>
        $"Copy {(char)('A' + index)}: {(headline.Length <= 60 ? headline : headline[..57] + "...")}";

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
