using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Audiences;

/// <summary>How any built audience (by targeting or by offer plan) becomes a campaign's one saved audience.</summary>
internal static class AudienceReplacement
{
    /// <summary>The campaign whose audience may be saved, or why not: gone, or launched (its experiment would change under it).</summary>
    public static async Task<Result<Campaign>> CampaignAsync(CampaignsDbContext db, Guid campaignId, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return Result<Campaign>.NotFound("The campaign no longer exists.");
        if (campaign.AudienceIsFixed)
            return Result<Campaign>.Refused($"The campaign is {campaign.Status.ToString().ToLowerInvariant()}: its audience is fixed once it has launched, or its experiment would change under it.");
        return campaign;
    }

    /// <summary>Replaces the campaign's earlier audience and members with these, audited, in one transaction.</summary>
    public static async Task ReplaceAsync(CampaignsDbContext db, Audience audience, IEnumerable<AudienceMember> members, string user, string audit, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var previous = db.Audiences.Where(x => x.CampaignId == audience.CampaignId);
        await db.AudienceMembers.Where(m => previous.Any(p => p.Id == m.AudienceId)).ExecuteDeleteAsync(ct);
        await previous.ExecuteDeleteAsync(ct);
        db.Audiences.Add(audience);
        db.Audit(user, "audience.save", nameof(Audience), audience.Id, audit);
        await db.SaveChangesAsync(ct);
        await db.BulkInsertAsync(members, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Deletes the campaign's saved offer plan (inside the caller's transaction) and says whether there was one. A plan names
    /// offers by position: once the offers change, those positions would hand customers the wrong terms.
    /// </summary>
    public static async Task<bool> DropOfferPlanAsync(CampaignsDbContext db, Guid campaignId, CancellationToken ct)
    {
        var plans = db.Audiences.Where(a => a.CampaignId == campaignId && a.Selection == AudienceSelection.OfferPlan);
        if (!await plans.AnyAsync(ct)) return false;
        await db.AudienceMembers.Where(m => plans.Any(p => p.Id == m.AudienceId)).ExecuteDeleteAsync(ct);
        await plans.ExecuteDeleteAsync(ct);
        return true;
    }
}
