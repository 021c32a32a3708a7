using Campaigns.Application.Common.Formatting;
using Campaigns.Domain.ContactRules;

namespace Campaigns.Application.ContactRules;

/// <summary>A contact rule in words, as the rules page, the audit log and the assignment API's refusals write it.</summary>
public static class ContactRuleText
{
    /// <summary>"at most 2 email promotions per customer per 7 days", "at most 4 promotions per customer per 30 days across channels".</summary>
    public static string Describe(ContactRule rule)
    {
        var promotions = rule.Limit == 1 ? "promotion" : "promotions";
        var days = rule.WindowDays == 1 ? "day" : $"{rule.WindowDays} days";
        return rule.Channel is { } channel
            ? $"at most {Display.Count(rule.Limit)} {channel.InSentence()} {promotions} per customer per {days}"
            : $"at most {Display.Count(rule.Limit)} {promotions} per customer per {days} across channels";
    }
}
