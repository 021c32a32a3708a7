using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.ContactRules;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.ContactRules;

/// <summary>
/// Contact rules at assignment. A customer is capped for a campaign when, under a rule covering its channel, their
/// contacts in the window and the contacts kept for more profitable live campaigns already reach the limit. The check
/// comes before the arm counts: a capped customer is kept out of the holdout too, so the arms stay comparable.
/// </summary>
internal static class ContactGate
{
    /// <summary>The field of the refusal of a capped customer, which the API answers 422 naming the rule.</summary>
    public const string Field = "contactRule";

    /// <summary>
    /// Stores the new assignment unless a contact rule caps the customer; returns the rule that caps them, or null once
    /// stored. The customer's ledger row is updated first in the same transaction, so concurrent assignments of the
    /// customer check and count one after the other. A repeat of the same assignment still meets the unique index.
    /// </summary>
    public static async Task<ContactCap?> AssignAsync(CampaignsDbContext db, Campaign campaign, Assignment assignment, bool treated, CancellationToken ct)
    {
        var channel = campaign.Promotion.Channel;
        var rules = campaign.ContactRulesExempt ? [] : await db.ContactRules.AsNoTracking().Where(r => r.Channel == null || r.Channel == channel).ToListAsync(ct);
        if (rules.Count == 0)
        {
            db.Assignments.Add(assignment);
            await db.SaveChangesAsync(ct);
            return null;
        }
        var customer = assignment.CustomerId;
        await EnsureLedgerAsync(db, customer, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var counted = treated ? 1 : 0;
        await db.ContactLedgers.Where(l => l.CustomerId == customer).ExecuteUpdateAsync(s => s.SetProperty(l => l.Contacts, l => l.Contacts + counted), ct);
        // Dated once the customer's row is held, so the customer's contacts are dated in the order they are counted.
        var now = assignment.AssignedAt = DateTime.UtcNow;
        var repeat = await db.Assignments.AnyAsync(a => a.ExperimentId == assignment.ExperimentId && a.CustomerId == customer, ct);
        if (!repeat && await CapAsync(db, campaign, customer, rules, now, ct) is { } cap) return cap;
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>The first rule the customer's contacts and the more profitable live campaigns' claims fill, or null.</summary>
    private static async Task<ContactCap?> CapAsync(CampaignsDbContext db, Campaign campaign, Guid customer, List<ContactRule> rules, DateTime now, CancellationToken ct)
    {
        var since = now.AddDays(-ContactRule.MaxWindowDays);
        var contacts = await (
            from a in db.Assignments
            where a.CustomerId == customer && a.AssignedAt > since
            join arm in db.Arms on a.ArmId equals arm.Id
            where !arm.IsControl
            join e in db.Experiments on a.ExperimentId equals e.Id
            join c in db.Campaigns on e.CampaignId equals c.Id
            where !c.ContactRulesExempt
            select new { a.AssignedAt, c.Promotion.Channel }).ToListAsync(ct);
        var own = await PlannedProfit(db, customer).Where(p => p.CampaignId == campaign.Id).Select(p => (double?)p.Profit).FirstOrDefaultAsync(ct) ?? 0;
        // Live campaigns that plan the customer for more profit and have not assigned them yet keep their contact: the
        // more profitable assignment wins, whichever request comes first.
        var claims = await (
            from p in PlannedProfit(db, customer)
            where p.Profit > own && p.CampaignId != campaign.Id
            join c in db.Campaigns on p.CampaignId equals c.Id
            where c.Status == CampaignStatus.Live && !c.ContactRulesExempt
                && !db.Experiments.Where(e => e.CampaignId == c.Id).Any(e => db.Assignments.Any(a => a.ExperimentId == e.Id && a.CustomerId == customer))
            select c.Promotion.Channel).ToListAsync(ct);
        foreach (var rule in rules)
        {
            var made = contacts.Count(x => rule.Covers(x.Channel) && rule.InWindow(x.AssignedAt, now));
            var kept = claims.Count(rule.Covers);
            if (made + kept >= rule.Limit) return new ContactCap(rule, made, kept);
        }
        return null;
    }

    private static IQueryable<PlannedContact> PlannedProfit(CampaignsDbContext db, Guid customer) =>
        from m in db.AudienceMembers
        where m.CustomerId == customer
        join a in db.Audiences on m.AudienceId equals a.Id
        select new PlannedContact { CampaignId = a.CampaignId, Profit = m.ExpectedProfit };

    /// <summary>Creates the customer's ledger row once; a concurrent request creating it first is as good.</summary>
    private static async Task EnsureLedgerAsync(CampaignsDbContext db, Guid customer, CancellationToken ct)
    {
        if (await db.ContactLedgers.AnyAsync(l => l.CustomerId == customer, ct)) return;
        db.ContactLedgers.Add(new ContactLedger { CustomerId = customer });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Set by member (not by constructor), so queries can filter on it.</summary>
    private sealed class PlannedContact
    {
        public Guid CampaignId { get; init; }
        public double Profit { get; init; }
    }
}
