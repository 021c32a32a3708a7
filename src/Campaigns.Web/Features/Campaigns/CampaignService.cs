using Campaigns.Application.Common.Formatting;
using Campaigns.Data;
using Campaigns.Domain;
using Campaigns.Domain.Auditing;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Campaigns.Web.Features.Copy;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Web.Features.Campaigns;

/// <summary>Outcome of a change: either it was stored, or why not (per field, or as one message).</summary>
public sealed record SaveResult(Campaign? Campaign, IReadOnlyList<FieldError> Errors, string? Message)
{
    public bool Succeeded => Campaign is not null && Errors.Count == 0 && Message is null;
    public static SaveResult Ok(Campaign c) => new(c, [], null);
    public static SaveResult Invalid(IReadOnlyList<FieldError> errors) => new(null, errors, null);
    public static SaveResult Refused(string message) => new(null, [], message);
}

public sealed record CampaignRow(Guid Id, string Name, string Offer, Channel Channel, DateTime StartsAt, DateTime EndsAt, decimal Budget, CampaignStatus Status, string CreatedBy, DateTime UpdatedAt);

/// <summary>Campaign editing and the approval workflow; every change is written to the audit log in the same transaction.</summary>
public sealed class CampaignService(IDbContextFactory<CampaignsDbContext> dbFactory, MoneyFormat money)
{
    public async Task<List<CampaignRow>> ListAsync(CampaignStatus? status, string? search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Campaigns.AsNoTracking();
        if (status is { } s) query = query.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(c => c.Name.Contains(search.Trim()));
        var campaigns = await query.OrderByDescending(c => c.StartsAt).Take(500).ToListAsync(ct);
        return campaigns.Select(c => new CampaignRow(c.Id, c.Name, c.Promotion.Describe(money.Format), c.Promotion.Channel, c.StartsAt, c.EndsAt, c.Budget, c.Status, c.CreatedBy, c.UpdatedAt)).ToList();
    }

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

    /// <summary>Creates or updates a campaign from the editor. Nothing is stored when a rule fails.</summary>
    public async Task<SaveResult> SaveAsync(Campaign edited, string user, CancellationToken ct = default)
    {
        edited.Name = edited.Name?.Trim() ?? "";
        edited.Promotion.CouponCode = string.IsNullOrWhiteSpace(edited.Promotion.CouponCode) ? null : edited.Promotion.CouponCode.Trim().ToUpperInvariant();
        var errors = CampaignRules.Validate(edited);
        if (errors.Count > 0) return SaveResult.Invalid(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == edited.Id, ct);
        if (stored is null)
        {
            edited.CreatedBy = user;
            edited.CreatedAt = edited.UpdatedAt = DateTime.UtcNow;
            db.Campaigns.Add(edited);
            db.Audit(user, "campaign.create", nameof(Campaign), edited.Id, edited.Name);
            await db.SaveChangesAsync(ct);
            return SaveResult.Ok(edited);
        }
        if (!stored.IsEditable) return SaveResult.Refused($"A campaign that is {Describe(stored.Status)} cannot be edited.");
        if (stored.ConcurrencyStamp != edited.ConcurrencyStamp)
            return SaveResult.Refused("Someone else saved this campaign after you opened it. Reload to see their changes; your edits are still in the form.");
        var changes = Diff(stored, edited);
        stored.Name = edited.Name;
        stored.Description = edited.Description;
        stored.Promotion = edited.Promotion;
        stored.StartsAt = edited.StartsAt;
        stored.EndsAt = edited.EndsAt;
        stored.Budget = edited.Budget;
        await FollowTermsAsync(db, stored, ct);
        stored.UpdatedAt = DateTime.UtcNow;
        stored.ConcurrencyStamp = Guid.NewGuid();
        db.Audit(user, "campaign.edit", nameof(Campaign), stored.Id, changes.Length == 0 ? "No changes" : changes);
        return await SaveGuardedAsync(db, stored, ct);
    }

    /// <summary>Sends the campaign to review; refused while a chosen copy line breaks the guardrails or contradicts the (possibly changed) terms.</summary>
    public Task<SaveResult> SubmitAsync(Guid id, string user, CancellationToken ct = default) =>
        TransitionAsync(id, user, "campaign.submit", null, c => c.Submit(user), ct, async (db, campaign) =>
            await CopySuggestionService.ProblemsAsync(db, campaign, ct) is { Count: > 0 } problems
                ? $"Fix the chosen copy before submitting: {string.Join(" ", problems)}" : null);

    /// <summary>
    /// Approves the campaign with its chosen copy: each copy variant records the Manager who approved it. Nobody approves
    /// their own work (<see cref="OwnWorkAsync"/>).
    /// </summary>
    public Task<SaveResult> ApproveAsync(Guid id, string user, string? comment, CancellationToken ct = default) =>
        TransitionAsync(id, user, "campaign.approve", comment, c => c.Approve(user, comment), ct, async (db, campaign) =>
        {
            if (await OwnWorkAsync(db, campaign, user, ct) is { } own) return own;
            var now = DateTime.UtcNow;
            foreach (var copy in await db.CopyVariants.Where(v => v.CampaignId == campaign.Id).ToListAsync(ct))
            {
                copy.ApprovedBy = user;
                copy.ApprovedAt = now;
            }
            return null;
        });

    /// <summary>Why <paramref name="user"/> may not approve the campaign (four eyes), or null; the page asks before offering Approve.</summary>
    public async Task<string?> WhyNotApproverAsync(Guid id, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } campaign ? await OwnWorkAsync(db, campaign, user, ct) : null;
    }

    /// <summary>Nobody approves their own work: not a campaign they submitted, nor copy (a line or a body) they chose or wrote.</summary>
    private static async Task<string?> OwnWorkAsync(CampaignsDbContext db, Campaign campaign, string user, CancellationToken ct)
    {
        static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        if (Same(campaign.SubmittedBy, user)) return Campaign.OwnSubmission;
        var chosen = await db.CopyVariants.AsNoTracking().Where(v => v.CampaignId == campaign.Id)
            .Select(v => new { v.Headline, v.CreatedBy, v.BodyChosenBy }).ToListAsync(ct);
        return chosen.FirstOrDefault(v => Same(v.CreatedBy, user) || Same(v.BodyChosenBy, user)) is { } own
            ? $"You chose the copy “{own.Headline}” yourself; another Manager must approve it." : null;
    }

    public Task<SaveResult> RejectAsync(Guid id, string user, string comment, CancellationToken ct = default) =>
        TransitionAsync(id, user, "campaign.reject", comment, c => c.Reject(user, comment), ct);

    /// <summary>
    /// Launches an approved campaign: it goes live with an experiment of two arms, a random holdout that gets
    /// nothing (the control) and the offer, split by the given holdout share.
    /// </summary>
    public async Task<SaveResult> LaunchAsync(Guid id, string user, double holdoutShare, CancellationToken ct = default)
    {
        if (holdoutShare is < 0.01 or > 0.5) return SaveResult.Refused("Keep a holdout of 1% to 50%: without one the campaign's effect cannot be measured.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return SaveResult.Refused("The campaign no longer exists.");
        if (await db.Experiments.AnyAsync(e => e.CampaignId == id, ct)) return SaveResult.Refused("This campaign already has an experiment.");
        try
        {
            campaign.GoLive();
        }
        catch (DomainException ex)
        {
            return SaveResult.Refused(ex.Message);
        }
        var experiment = new Experiment { CampaignId = id, Name = campaign.Name, Status = ExperimentStatus.Running, StartedAt = DateTime.UtcNow };
        experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = "Holdout", Position = 0, Allocation = holdoutShare, IsControl = true });
        var copy = await db.CopyVariants.AsNoTracking().Where(v => v.CampaignId == id).OrderBy(v => v.CreatedAt).ThenBy(v => v.Id)
            .Select(v => new { v.Id, v.Headline, v.ApprovedBy }).ToListAsync(ct);
        if (copy.Count > CopySuggestionService.MaxVariants || copy.Any(v => v.ApprovedBy is null))
            return SaveResult.Refused("The campaign's copy changed after it was approved: send it back for review before launching.");
        if (copy.Count == 0)
            experiment.Arms.Add(new Arm { ExperimentId = experiment.Id, Name = campaign.Promotion.Describe(money.Format), Position = 1, Allocation = 1 - holdoutShare });
        for (var i = 0; i < copy.Count; i++)
            experiment.Arms.Add(new Arm
            {
                ExperimentId = experiment.Id, Name = ArmName(i, copy[i].Headline), Position = i + 1,
                Allocation = (1 - holdoutShare) / copy.Count, CopyVariantId = copy[i].Id,
            });
        db.Experiments.Add(experiment);
        campaign.UpdatedAt = DateTime.UtcNow;
        campaign.ConcurrencyStamp = Guid.NewGuid();
        db.Audit(user, "campaign.launch", nameof(Campaign), id,
            $"Live with a {Display.Percent(holdoutShare, 0)} holdout{(copy.Count > 0 ? $" and {copy.Count} copy variant{(copy.Count == 1 ? "" : "s")}" : "")}");
        return await SaveGuardedAsync(db, campaign, ct);
    }

    public Task<SaveResult> ArchiveAsync(Guid id, string user, CancellationToken ct = default) =>
        TransitionAsync(id, user, "campaign.archive", null, c => c.Archive(), ct);

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

    /// <summary>The arm of the <paramref name="index"/>-th copy variant: a letter and the start of its headline.</summary>
    public static string ArmName(int index, string headline) =>
        $"Copy {(char)('A' + index)}: {(headline.Length <= 60 ? headline : headline[..57] + "...")}";

    /// <param name="alongside">Runs in the same transaction after the transition; a message refuses the whole change.</param>
    private async Task<SaveResult> TransitionAsync(Guid id, string user, string action, string? comment, Action<Campaign> transition, CancellationToken ct,
        Func<CampaignsDbContext, Campaign, Task<string?>>? alongside = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return SaveResult.Refused("The campaign no longer exists.");
        try
        {
            transition(campaign);
        }
        catch (DomainException ex)
        {
            return SaveResult.Refused(ex.Message);
        }
        if (alongside is not null && await alongside(db, campaign) is { } refusal) return SaveResult.Refused(refusal);
        campaign.UpdatedAt = DateTime.UtcNow;
        campaign.ConcurrencyStamp = Guid.NewGuid();
        db.Audit(user, action, nameof(Campaign), campaign.Id, string.IsNullOrWhiteSpace(comment) ? $"Now {campaign.Status}" : $"Now {campaign.Status}: {comment.Trim()}");
        return await SaveGuardedAsync(db, campaign, ct);
    }

    private static async Task<SaveResult> SaveGuardedAsync(CampaignsDbContext db, Campaign campaign, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveResult.Ok(campaign);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveResult.Refused("Someone else changed this campaign at the same moment. Reload and try again.");
        }
    }

    /// <summary>The status inside a sentence: "a campaign that is waiting for approval".</summary>
    public static string Describe(CampaignStatus status) => status.ToWords().ToLowerInvariant();

    private string Diff(Campaign before, Campaign after)
    {
        var parts = new List<string>();
        void Check<T>(string name, T a, T b) { if (!EqualityComparer<T>.Default.Equals(a, b)) parts.Add($"{name}: {a} → {b}"); }
        Check("Name", before.Name, after.Name);
        Check("Offer", before.Promotion.Describe(money.Format), after.Promotion.Describe(money.Format));
        Check("Channel", before.Promotion.Channel.ToWords(), after.Promotion.Channel.ToWords());
        Check("Coupon", before.Promotion.CouponCode, after.Promotion.CouponCode);
        Check("Starts", before.StartsAt, after.StartsAt);
        Check("Ends", before.EndsAt, after.EndsAt);
        Check("Budget", money.Format(before.Budget), money.Format(after.Budget));
        return string.Join("; ", parts);
    }
}
