namespace Campaigns.Application.ContactRules;

/// <summary>Why a customer is capped: the rule, their contacts in its window, and the contacts kept for more profitable live campaigns.</summary>
internal sealed record ContactCap(Domain.ContactRules.ContactRule Rule, int Made, int Kept)
{
    /// <summary>"capped by the contact rule 'at most 2 email promotions per customer per 7 days': 1 contact in the last 7 days, 1 kept for a more profitable live campaign".</summary>
    public string Describe()
    {
        var days = Rule.WindowDays == 1 ? "day" : $"{Rule.WindowDays} days";
        var parts = new List<string> { $"{Made} {(Made == 1 ? "contact" : "contacts")} in the last {days}" };
        if (Kept > 0) parts.Add($"{Kept} kept for {(Kept == 1 ? "a more profitable live campaign" : "more profitable live campaigns")}");
        return $"capped by the contact rule '{ContactRuleText.Describe(Rule)}': {string.Join(", ", parts)}";
    }
}
