using Campaigns.Application.Audiences;
using Campaigns.Application.Common;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Copy;
using Campaigns.Application.Programme;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Auditing;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Campaigns.Ml.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Campaigns;

/// <summary>Campaign editing and the approval workflow; every change is written to the audit log in the same transaction.</summary>
public sealed class CampaignService(IDbContextFactory<CampaignsDbContext> dbFactory, MoneyFormat money, StorePromises store)
{
    public async Task<List<CampaignRow>> ListAsync(CampaignStatus? status, string? search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Campaigns.AsNoTracking();
        if (status is { } s) query = query.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(c => c.Name.Contains(search.Trim()));
        var campaigns = await query.OrderByDescending(c => c.StartsAt).Take(500).ToListAsync(ct);
        return campaigns.Select(RowOf).ToList();
    }

    /// <summary>The campaign's offer in words; for several, how many and their terms ("3 offers: 20% off, Free shipping, ...").</summary>
    public string OffersSummary(Campaign c) =>
        c.HasSeveralOffers ? $"{c.Offers.Count} offers: {string.Join(", ", c.Offers.Select(o => o.Describe(money.Format)))}" : c.Promotion.Describe(money.Format);

    public async Task<Campaign?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
    }

    public async Task<Guid?> ExperimentOfAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Experiments.Where(e => e.CampaignId == campaignId).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<List<AuditEntry>> HistoryAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = id.ToString();
        return await db.AuditLog.AsNoTracking().Where(a => a.EntityType == nameof(Campaign) && a.EntityId == key).OrderByDescending(a => a.At).Take(100).ToListAsync(ct);
    }

    private const string Saved = "Campaign saved.";

    /// <summary>Creates or updates a campaign from the editor. Nothing is stored when a rule fails.</summary>
    public async Task<Result<Campaign>> SaveAsync(Campaign edited, string user, CancellationToken ct = default)
    {
        edited.Name = edited.Name?.Trim() ?? "";
        foreach (var offer in edited.Offers)
            offer.CouponCode = string.IsNullOrWhiteSpace(offer.CouponCode) ? null : offer.CouponCode.Trim().ToUpperInvariant();
        var errors = CampaignRules.Validate(edited);
        if (errors.Count > 0) return Result<Campaign>.Invalid(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == edited.Id, ct);
        if (stored is null)
        {
            edited.CreatedBy = user;
            edited.CreatedAt = edited.UpdatedAt = DateTime.UtcNow;
            db.Campaigns.Add(edited);
            db.Audit(user, "campaign.create", nameof(Campaign), edited.Id, edited.Name);
            await db.SaveChangesAsync(ct);
            return Result<Campaign>.Done(edited, Saved);
        }
        if (!stored.IsEditable) return Result<Campaign>.Refused($"A campaign that is {stored.Status.InSentence()} cannot be edited.");
        if (stored.ConcurrencyStamp != edited.ConcurrencyStamp)
            return Result<Campaign>.Refused("Someone else saved this campaign after you opened it. Reload to see their changes; your edits are still in the form.");
        var changes = Diff(stored, edited);
        var offersChanged = stored.Offers.Count != edited.Offers.Count || stored.Offers.Zip(edited.Offers).Any(p => !p.First.SameTermsAs(p.Second));
        stored.Name = edited.Name;
        stored.Description = edited.Description;
        stored.Promotion = edited.Promotion;
        stored.AlternativeOffers = edited.AlternativeOffers;
        stored.StartsAt = edited.StartsAt;
        stored.EndsAt = edited.EndsAt;
        stored.Budget = edited.Budget;
        stored.ContactRulesExempt = edited.ContactRulesExempt;
        await FollowTermsAsync(db, stored, ct);
        stored.UpdatedAt = DateTime.UtcNow;
        stored.ConcurrencyStamp = Guid.NewGuid();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var planDropped = offersChanged && await AudienceReplacement.DropOfferPlanAsync(db, stored.Id, ct);
        db.Audit(user, "campaign.edit", nameof(Campaign), stored.Id, (changes.Length == 0 ? "No changes" : changes) + (planDropped ? "; the saved offer plan was removed" : ""));
        var saved = await SaveGuardedAsync(db, stored, planDropped ? Saved + " Its saved offer plan named the old offers and was removed: plan again." : Saved, ct);
        if (saved.Succeeded) await tx.CommitAsync(ct);
        return saved;
    }

    /// <summary>Creates a campaign from the API's terms, checked by the editor's rules; errors name the request's fields.</summary>
    public async Task<Result<Campaign>> CreateAsync(CampaignRequest request, string user, CancellationToken ct = default)
    {
        var (campaign, errors) = request.ToCampaign();
        return campaign is null ? Result<Campaign>.Invalid(errors) : InRequestTerms(await SaveAsync(campaign, user, ct));
    }

    /// <summary>
    /// Replaces an editable campaign's terms and offers with the API's, as a save from the editor does. The caller sends
    /// the whole campaign, so the last replacement wins.
    /// </summary>
    public async Task<Result<Campaign>> ReplaceAsync(Guid id, CampaignRequest request, string user, CancellationToken ct = default)
    {
        var (campaign, errors) = request.ToCampaign();
        if (campaign is null) return Result<Campaign>.Invalid(errors);
        if (await GetAsync(id, ct) is not { } stored) return Result<Campaign>.NotFound($"No campaign has id {id}.");
        (campaign.Id, campaign.CreatedBy, campaign.ConcurrencyStamp) = (id, stored.CreatedBy, stored.ConcurrencyStamp);
        return InRequestTerms(await SaveAsync(campaign, user, ct));
    }

    private static Result<Campaign> InRequestTerms(Result<Campaign> result) =>
        result.Failure == Failure.Invalid ? Result<Campaign>.Invalid(CampaignRequest.InRequestTerms(result.Errors), result.Message) : result;

    /// <summary>A campaign as the list and the API show it.</summary>
    public CampaignRow RowOf(Campaign c) => new(c.Id, c.Name, OffersSummary(c), c.Promotion.Channel, c.StartsAt, c.EndsAt, c.Budget, c.Status, c.CreatedBy, c.UpdatedAt);

    /// <summary>Sends the campaign to review; refused while a chosen copy line breaks the guardrails or contradicts the (possibly changed) terms.</summary>
    public Task<Result<Campaign>> SubmitAsync(Guid id, string user, CancellationToken ct = default) =>
        TransitionAsync(id, user, "campaign.submit", null, "Submitted for approval.", async (db, campaign) =>
        {
            campaign.Submit(user);
            if (campaign.HasSeveralOffers && await CopySuggestionService.Chosen(db, id).AnyAsync(ct)) throw new DomainException(Campaign.OffersNotCopy);
            if (await CopySuggestionService.ProblemsAsync(db, campaign, store, ct) is { Count: > 0 } problems)
                throw new DomainException($"Fix the chosen copy before submitting: {string.Join(" ", problems)}");
        }, ct);

    /// <summary>Approves the campaign with its chosen copy, which records the approving Manager; nobody approves their own work.</summary>
    public Task<Result<Campaign>> ApproveAsync(Guid id, string user, string? comment, CancellationToken ct = default) =>
        TransitionAsync(id, user, "campaign.approve", comment, "Approved.", async (db, campaign) =>
            campaign.Approve(user, comment, await db.CopyVariants.Where(v => v.CampaignId == campaign.Id).ToListAsync(ct)), ct);

    /// <summary>Why <paramref name="user"/> may not approve the campaign (four eyes), or null; the page asks before offering Approve.</summary>
    public async Task<string?> WhyNotApproverAsync(Guid id, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } campaign
            ? campaign.WhyNotApprover(user, await db.CopyVariants.AsNoTracking().Where(v => v.CampaignId == id).ToListAsync(ct)) : null;
    }

    public Task<Result<Campaign>> RejectAsync(Guid id, string user, string comment, CancellationToken ct = default) =>
        TransitionAsync(id, user, "campaign.reject", comment, "Rejected.", c => c.Reject(user, comment), ct);

    /// <summary>
    /// Launches an approved campaign: it goes live with its experiment (<see cref="Campaign.Launch"/>), split by the given
    /// holdout share, its copy arms fixed or re-weighted by Thompson sampling.
    /// </summary>
    public async Task<Result<Campaign>> LaunchAsync(Guid id, string user, double holdoutShare, TrafficAllocation traffic = TrafficAllocation.Fixed, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return Result<Campaign>.NotFound("The campaign no longer exists.");
        if (await db.Experiments.AnyAsync(e => e.CampaignId == id, ct)) return Result<Campaign>.Refused("This campaign already has an experiment.");
        var copy = await CopySuggestionService.Chosen(db, id).ToListAsync(ct);
        var planned = await AddsModelChoiceAsync(db, campaign, ct);
        try
        {
            db.Experiments.Add(campaign.Launch(holdoutShare, copy, money.Format, planned, traffic));
        }
        catch (DomainException ex)
        {
            return Result<Campaign>.Refused(ex.Message);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        campaign.UpdatedAt = DateTime.UtcNow;
        campaign.ConcurrencyStamp = Guid.NewGuid();
        // An audience saved before the global holdout began still lists customers it now holds out: the launch drops them.
        var heldOut = await AudienceReplacement.DropHeldOutAsync(db, id, campaign.UpdatedAt, ct);
        var dropped = heldOut == 0 ? "" : $"; {Display.Count(heldOut)} customers of its audience in the global holdout dropped";
        await QualifierRecording.RecordAsync(db, campaign, campaign.UpdatedAt, ct);
        db.Audit(user, "campaign.launch", nameof(Campaign), id,
            $"Live with a {Display.Percent(holdoutShare, 0)} holdout{(copy.Count > 0 ? $" and {copy.Count} copy variant{(copy.Count == 1 ? "" : "s")}" : "")}"
            + (traffic == TrafficAllocation.Thompson ? " allocated by Thompson sampling" : "")
            + (campaign.HasSeveralOffers ? $" and {campaign.Offers.Count} offers{(planned ? " and the model's choice" : "")}" : "") + dropped);
        var launched = await SaveGuardedAsync(db, campaign, $"Launched: the campaign is live and its experiment is running{dropped}.", ct);
        if (launched.Succeeded) await tx.CommitAsync(ct);
        return launched;
    }

    /// <summary>Whether launching the campaign adds the model's choice arm, so the launch plan sizes the arms the launch makes.</summary>
    public async Task<bool> LaunchAddsModelChoiceAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return campaign is not null && await AddsModelChoiceAsync(db, campaign, ct);
    }

    /// <summary>The saved audience carries a plan when it names an offer for any customer: the model's choice is then tested too.</summary>
    private static async Task<bool> AddsModelChoiceAsync(CampaignsDbContext db, Campaign campaign, CancellationToken ct) =>
        campaign.HasSeveralOffers && await db.Audiences.Where(a => a.CampaignId == campaign.Id)
            .Join(db.AudienceMembers, a => a.Id, m => m.AudienceId, (_, m) => m).AnyAsync(m => m.OfferPosition != null, ct);

    public Task<Result<Campaign>> ArchiveAsync(Guid id, string user, CancellationToken ct = default) =>
        TransitionAsync(id, user, "campaign.archive", null, "Archived.", c => c.Archive(), ct);

    /// <summary>
    /// Keeps the chosen copy labelled with the campaign's channel and offer (what the next training learns it was written
    /// for); a channel without bodies drops them. Whether the text still fits the new terms is checked at submit.
    /// </summary>
    private static async Task FollowTermsAsync(CampaignsDbContext db, Campaign campaign, CancellationToken ct)
    {
        foreach (var copy in await db.CopyVariants.Where(v => v.CampaignId == campaign.Id).ToListAsync(ct))
        {
            copy.Channel = campaign.Promotion.Channel;
            copy.PromotionType = campaign.Promotion.KnownType;
            copy.CategoryId = campaign.Promotion.CategoryId;
            if (campaign.Promotion.Channel != Channel.Email) await CopySuggestionService.DropBodyAsync(db, copy, ct);
        }
    }

    private Task<Result<Campaign>> TransitionAsync(Guid id, string user, string action, string? comment, string done, Action<Campaign> transition,
        CancellationToken ct) =>
        TransitionAsync(id, user, action, comment, done, (_, campaign) =>
        {
            transition(campaign);
            return Task.CompletedTask;
        }, ct);

    /// <param name="transition">Changes the campaign (and what it reads or writes in the same transaction); a <see cref="DomainException"/> refuses the whole change.</param>
    /// <param name="done">What the user is told when it succeeded.</param>
    private async Task<Result<Campaign>> TransitionAsync(Guid id, string user, string action, string? comment, string done,
        Func<CampaignsDbContext, Campaign, Task> transition, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return Result<Campaign>.NotFound("The campaign no longer exists.");
        try
        {
            await transition(db, campaign);
        }
        catch (DomainException ex)
        {
            return Result<Campaign>.Refused(ex.Message);
        }
        campaign.UpdatedAt = DateTime.UtcNow;
        campaign.ConcurrencyStamp = Guid.NewGuid();
        db.Audit(user, action, nameof(Campaign), campaign.Id, string.IsNullOrWhiteSpace(comment) ? $"Now {campaign.Status}" : $"Now {campaign.Status}: {comment.Trim()}");
        return await SaveGuardedAsync(db, campaign, done, ct);
    }

    private static async Task<Result<Campaign>> SaveGuardedAsync(CampaignsDbContext db, Campaign campaign, string done, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<Campaign>.Done(campaign, done);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<Campaign>.Refused("Someone else changed this campaign at the same moment. Reload and try again.");
        }
    }

    private string OffersText(IEnumerable<Promotion> offers) => string.Join(", ", offers.Select(o => o.Describe(money.Format))) is { Length: > 0 } text ? text : "none";

    private string Diff(Campaign before, Campaign after)
    {
        var parts = new List<string>();
        void Check<T>(string name, T a, T b) { if (!EqualityComparer<T>.Default.Equals(a, b)) parts.Add($"{name}: {a} → {b}"); }
        Check("Name", before.Name, after.Name);
        Check("Offer", before.Promotion.Describe(money.Format), after.Promotion.Describe(money.Format));
        Check("Other offers", OffersText(before.AlternativeOffers), OffersText(after.AlternativeOffers));
        Check("Channel", before.Promotion.Channel.ToWords(), after.Promotion.Channel.ToWords());
        Check("Coupon", before.Promotion.CouponCode, after.Promotion.CouponCode);
        Check("Starts", before.StartsAt, after.StartsAt);
        Check("Ends", before.EndsAt, after.EndsAt);
        Check("Budget", money.Format(before.Budget), money.Format(after.Budget));
        Check("Exempt from contact rules", before.ContactRulesExempt ? "yes" : "no", after.ContactRulesExempt ? "yes" : "no");
        return string.Join("; ", parts);
    }
}
