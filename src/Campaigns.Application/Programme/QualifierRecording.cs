using System.Text.Json;
using Campaigns.Application.Audiences;
using Campaigns.Data;
using Campaigns.Domain.Audiences;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Programme;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Programme;

/// <summary>
/// Records at launch who qualified for a campaign: the customers its saved audience's rules select (everyone the campaign
/// may reach when no audience was saved), before the global holdout and the contact rules leave anyone out, each marked
/// held out or not. The programme report compares a channel's qualifiers in the programme with those held out.
/// </summary>
internal static class QualifierRecording
{
    /// <summary>Writes the qualifiers in one batch (inside the caller's transaction) and says how many; none while no holdout is in force.</summary>
    public static async Task<int> RecordAsync(CampaignsDbContext db, Campaign campaign, DateTime at, CancellationToken ct)
    {
        var holdout = await GlobalHoldout.AtAsync(db, at, ct);
        // Without a holdout there is no one to compare with: the report only reads launches since the holdout started.
        if (!holdout.InForce) return 0;
        var rulesJson = await db.Audiences.Where(a => a.CampaignId == campaign.Id).Select(a => a.RulesJson).FirstOrDefaultAsync(ct);
        var rules = rulesJson is null ? new AudienceRules() : JsonSerializer.Deserialize<AudienceRules>(rulesJson) ?? new AudienceRules();
        var ids = await db.Customers.AsNoTracking().Eligible(rules, campaign.Promotion, at).Select(c => c.Id).ToListAsync(ct);
        return await db.BulkInsertAsync(ids.Select(id => new CampaignQualifier { CampaignId = campaign.Id, CustomerId = id, HeldOut = holdout.Holds(id), QualifiedAt = at }), ct);
    }
}
