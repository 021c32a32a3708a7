using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;

namespace Campaigns.Data.Demo;

/// <summary>
/// One line of the demo store's copy, with slots the generator fills ({offer}, {category}, {product}, {name}, {code},
/// {end}). <see cref="Structure"/> says how it is written (question, benefit, product, social, seasonal, deadline, ...).
/// </summary>
public sealed record DemoCopyTemplate(Channel Channel, Tone Tone, string Structure, string Text);
