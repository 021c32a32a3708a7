using Campaigns.Domain.Campaigns;

namespace Campaigns.Application.ContactRules;

/// <summary>A contact rule as the rules editor edits it: new (no <see cref="Id"/>) or an existing one.</summary>
public sealed class ContactRuleForm
{
    public Guid? Id { get; set; }
    /// <summary>The channel counted and capped; null: all channels together.</summary>
    public Channel? Channel { get; set; }
    public int Limit { get; set; } = 2;
    public int WindowDays { get; set; } = 7;
}
