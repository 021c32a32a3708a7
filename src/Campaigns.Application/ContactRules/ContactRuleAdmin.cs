using Campaigns.Application.Common;
using Campaigns.Data;
using Campaigns.Domain.ContactRules;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.ContactRules;

/// <summary>The Admins' contact rules: listed for everyone who plans campaigns, added, changed and removed by Admins, audited.</summary>
public sealed class ContactRuleAdmin(IDbContextFactory<CampaignsDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ContactRule>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await db.ContactRules.AsNoTracking().ToListAsync(ct);
        return [.. rules.OrderBy(r => r.Channel is null).ThenBy(r => r.Channel).ThenBy(r => r.WindowDays).ThenBy(r => r.Limit)];
    }

    /// <summary>Adds the rule, or changes the one the form names; refused with field errors outside the bounds.</summary>
    public async Task<Result<ContactRule>> SaveAsync(ContactRuleForm form, string user, CancellationToken ct = default)
    {
        var errors = ContactRule.Validate(form.Limit, form.WindowDays);
        if (errors.Count > 0) return Result<ContactRule>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        ContactRule rule;
        if (form.Id is { } id)
        {
            if (await db.ContactRules.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } stored)
                return Result<ContactRule>.NotFound("The rule no longer exists: another Admin removed it.");
            var before = ContactRuleText.Describe(stored);
            (stored.Channel, stored.Limit, stored.WindowDays, stored.UpdatedBy, stored.UpdatedAt) = (form.Channel, form.Limit, form.WindowDays, user, DateTime.UtcNow);
            db.Audit(user, "contact-rule.edit", nameof(ContactRule), id, $"{before} → {ContactRuleText.Describe(stored)}");
            rule = stored;
        }
        else
        {
            rule = new ContactRule { Channel = form.Channel, Limit = form.Limit, WindowDays = form.WindowDays, UpdatedBy = user };
            db.ContactRules.Add(rule);
            db.Audit(user, "contact-rule.add", nameof(ContactRule), rule.Id, ContactRuleText.Describe(rule));
        }
        await db.SaveChangesAsync(ct);
        return Result<ContactRule>.Done(rule, $"Saved: {ContactRuleText.Describe(rule)}.");
    }

    public async Task<Result> RemoveAsync(Guid id, string user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ContactRules.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } rule) return Result.NotFound("The rule no longer exists.");
        db.ContactRules.Remove(rule);
        db.Audit(user, "contact-rule.remove", nameof(ContactRule), id, ContactRuleText.Describe(rule));
        await db.SaveChangesAsync(ct);
        return Result.Done($"Removed: {ContactRuleText.Describe(rule)}.");
    }
}
