using Campaigns.Application.Common;
using Campaigns.Application.Programme;
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

    /// <summary>
    /// Deletes from the campaign's saved audience (inside the caller's transaction) the members the global holdout in force
    /// holds, keeping its counts and expected profit true, and says how many. An audience saved before the holdout began
    /// lists them; launch must not put them in arms.
    /// </summary>
    public static async Task<int> DropHeldOutAsync(CampaignsDbContext db, Guid campaignId, DateTime at, CancellationToken ct)
    {
        var holdout = await GlobalHoldout.AtAsync(db, at, ct);
        var audience = await db.Audiences.Where(a => a.CampaignId == campaignId).Select(a => new { a.Id, a.Selection }).FirstOrDefaultAsync(ct);
        if (audience is null) return 0;
        var members = db.AudienceMembers.Where(m => m.AudienceId == audience.Id);
        var held = new List<Guid>();
        var (targeted, random, profit) = (0, 0, 0.0);
        await foreach (var m in members.Select(m => new { m.CustomerId, m.Cell, m.OfferPosition, m.ExpectedProfit }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!holdout.Holds(m.CustomerId)) continue;
            held.Add(m.CustomerId);
            profit += m.ExpectedProfit;
            // An offer plan lists every planned customer; only those it gives an offer are counted as targeted.
            if (m.Cell == AudienceCell.Random) random++;
            else if (audience.Selection != AudienceSelection.OfferPlan || m.OfferPosition is not null) targeted++;
        }
        foreach (var chunk in held.Chunk(500))
            await members.Where(m => chunk.Contains(m.CustomerId)).ExecuteDeleteAsync(ct);
        // The expected profit is the sum of the chosen members' own (random-cell and no-offer members carry 0), as the
        // allocator and the offer planner sum it; its interval keeps its width, which the smaller sum's variance cannot exceed.
        if (held.Count > 0)
            await db.Audiences.Where(a => a.Id == audience.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Targeted, a => a.Targeted - targeted).SetProperty(a => a.RandomCell, a => a.RandomCell - random)
                    .SetProperty(a => a.ExpectedProfit, a => a.ExpectedProfit - profit).SetProperty(a => a.ExpectedProfitLow, a => a.ExpectedProfitLow - profit)
                    .SetProperty(a => a.ExpectedProfitHigh, a => a.ExpectedProfitHigh - profit), ct);
        return held.Count;
    }
}
