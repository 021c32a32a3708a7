using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;

namespace Campaigns.Ml.Copy;

/// <summary>What a line of copy was written for: the generator's control tokens and the ranker's context features.</summary>
/// <param name="Category">The category's name, or null for the whole catalogue.</param>
public sealed record CopyConditions(CopyChannel Channel, PromotionType PromotionType, string? Category, Tone Tone)
{
    /// <summary>The delivery channel the ranker knows (email subject and body are both email).</summary>
    public Channel DeliveryChannel => Channel switch
    {
        CopyChannel.Push => Domain.Campaigns.Channel.Push,
        CopyChannel.Banner => Domain.Campaigns.Channel.OnsiteBanner,
        _ => Domain.Campaigns.Channel.Email,
    };

    /// <summary>
    /// True where copy is rendered per customer, so it may address them by name: an email (subject and body) and a push
    /// go to one customer each; a banner and a product text are the same for every visitor.
    /// </summary>
    public static bool Personalizes(CopyChannel channel) => channel is CopyChannel.EmailSubject or CopyChannel.EmailBody or CopyChannel.Push;

    public static CopyChannel HeadlineChannel(Channel channel) => channel switch
    {
        Domain.Campaigns.Channel.Push => CopyChannel.Push,
        Domain.Campaigns.Channel.OnsiteBanner => CopyChannel.Banner,
        _ => CopyChannel.EmailSubject,
    };
}
