using Campaigns.Analytics.Offers;

namespace Campaigns.Application.Offers;

/// <summary>The model's choice against another policy: profit per customer, the plan's cell minus the other's, with its 95% interval.</summary>
public sealed record PolicyComparison(string Against, ValueEstimate? Difference);
