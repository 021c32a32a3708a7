using Campaigns.Application.Common;
using Campaigns.Application.ContactRules;
using Campaigns.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Application.Tests.ContactRules;

public sealed class ContactRuleAdminTests : ContactStore
{
    [Fact]
    public async Task A_rule_outside_the_bounds_is_refused_by_field_and_nothing_is_stored()
    {
        var result = await Rules.SaveAsync(new ContactRuleForm { Channel = Channel.Email, Limit = 0, WindowDays = 31 }, "admin@demo.local");
        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Equal(["Limit", "WindowDays"], result.Errors.Select(e => e.Field));
        Assert.Empty(await Rules.ListAsync());
    }

    [Fact]
    public async Task Adding_changing_and_removing_a_rule_is_audited_in_words()
    {
        var added = (await Rules.SaveAsync(new ContactRuleForm { Channel = Channel.Email, Limit = 2, WindowDays = 7 }, "admin@demo.local")).Value!;
        var changed = await Rules.SaveAsync(new ContactRuleForm { Id = added.Id, Channel = null, Limit = 4, WindowDays = 30 }, "admin@demo.local");
        Assert.Equal("Saved: at most 4 promotions per customer per 30 days across channels.", changed.Message);
        Assert.Equal("at most 4 promotions per customer per 30 days across channels", ContactRuleText.Describe(Assert.Single(await Rules.ListAsync())));
        Assert.True((await Rules.RemoveAsync(added.Id, "admin@demo.local")).Succeeded);
        Assert.Empty(await Rules.ListAsync());

        await using var db = Database.Open();
        var audit = await db.AuditLog.Where(a => a.EntityType == "ContactRule").OrderBy(a => a.At).Select(a => new { a.Action, a.Details }).ToListAsync();
        Assert.Equal(
        [
            new { Action = "contact-rule.add", Details = (string?)"at most 2 email promotions per customer per 7 days" },
            new { Action = "contact-rule.edit", Details = (string?)"at most 2 email promotions per customer per 7 days → at most 4 promotions per customer per 30 days across channels" },
            new { Action = "contact-rule.remove", Details = (string?)"at most 4 promotions per customer per 30 days across channels" },
        ], audit);
    }
}
