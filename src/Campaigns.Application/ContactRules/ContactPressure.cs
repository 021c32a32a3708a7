using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.ContactRules;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.ContactRules;

/// <summary>
/// Contact rules when an audience is built. A customer's planned contacts are their places in the saved audiences of
/// the other campaigns (submitted, approved, live or completed, not exempt) that run within a rule's window of this
/// one. The more profitable assignment wins: a plan counts against this campaign only when it expects at least as much
/// incremental profit from the customer as this one does (or its campaign has completed, its contacts made); a
/// customer planned elsewhere for less comes here, and the other campaign's assignment is capped when it asks.
/// </summary>
public sealed class ContactPressure
{
    private readonly IReadOnlyList<ContactRule> _rules;
    private readonly Dictionary<Guid, List<PlannedContact>> _planned;

    private ContactPressure(IReadOnlyList<ContactRule> rules, Dictionary<Guid, List<PlannedContact>> planned) => (_rules, _planned) = (rules, planned);

    /// <summary>The rules covering the campaign's channel (none when it is exempt) and the plans that compete with it.</summary>
    public static async Task<ContactPressure> ReadAsync(CampaignsDbContext db, Campaign campaign, CancellationToken ct)
    {
        var channel = campaign.Promotion.Channel;
        var rules = campaign.ContactRulesExempt ? [] : await db.ContactRules.AsNoTracking().Where(r => r.Channel == null || r.Channel == channel).ToListAsync(ct);
        var planned = new Dictionary<Guid, List<PlannedContact>>();
        if (rules.Count == 0) return new ContactPressure(rules, planned);
        var reach = rules.Max(r => r.WindowDays);
        var (earliest, latest) = (campaign.StartsAt.AddDays(-reach), campaign.EndsAt.AddDays(reach));
        CampaignStatus[] planning = [CampaignStatus.PendingApproval, CampaignStatus.Approved, CampaignStatus.Live, CampaignStatus.Completed];
        var rows = (
            from m in db.AudienceMembers
            join a in db.Audiences on m.AudienceId equals a.Id
            join c in db.Campaigns on a.CampaignId equals c.Id
            where c.Id != campaign.Id && !c.ContactRulesExempt && planning.Contains(c.Status) && c.StartsAt < latest && c.EndsAt > earliest
            select new { m.CustomerId, m.ExpectedProfit, c.Promotion.Channel, c.StartsAt, c.EndsAt, c.Status }).AsNoTracking().AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            if (!planned.TryGetValue(r.CustomerId, out var list)) planned[r.CustomerId] = list = [];
            list.Add(new PlannedContact(r.Channel, r.StartsAt, r.EndsAt, r.Status == CampaignStatus.Completed ? double.PositiveInfinity : r.ExpectedProfit));
        }
        return new ContactPressure(rules, planned);
    }

    /// <summary>
    /// Which of the built customers the rules cap, given this campaign's expected incremental profit from each, and how
    /// many planned elsewhere for less come here instead.
    /// </summary>
    /// <param name="customers">The eligible customers, by row.</param>
    /// <param name="profit">This campaign's expected incremental profit from the customer of a row (0 without a model).</param>
    public ContactScreen Screen(Campaign campaign, IReadOnlyList<Guid> customers, Func<int, double> profit)
    {
        var capped = new bool[customers.Count];
        var (leftOut, taken) = (0, 0);
        if (_planned.Count == 0) return new ContactScreen(capped, 0, 0);
        for (var i = 0; i < customers.Count; i++)
        {
            if (!_planned.TryGetValue(customers[i], out var plans)) continue;
            var own = profit(i);
            if (Fills(campaign, plans, p => p.Profit >= own))
            {
                capped[i] = true;
                leftOut++;
            }
            else if (Fills(campaign, plans, _ => true)) taken++;
        }
        return new ContactScreen(capped, leftOut, taken);
    }

    /// <summary>Whether the counted plans reach the limit of a rule: those on its channels, in its window of this campaign's run.</summary>
    private bool Fills(Campaign campaign, List<PlannedContact> plans, Func<PlannedContact, bool> counts) =>
        _rules.Any(rule => plans.Count(p => rule.Covers(p.Channel) && counts(p)
            && p.StartsAt < campaign.EndsAt.AddDays(rule.WindowDays) && p.EndsAt > campaign.StartsAt.AddDays(-rule.WindowDays)) >= rule.Limit);

    private sealed record PlannedContact(Channel Channel, DateTime StartsAt, DateTime EndsAt, double Profit);
}
