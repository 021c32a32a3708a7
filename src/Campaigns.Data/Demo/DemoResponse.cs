namespace Campaigns.Data.Demo;

/// <summary>A demo customer's true response to an offer (or to none) in a campaign's two-week window.</summary>
/// <param name="Probability">The chance to buy in the window.</param>
/// <param name="Basket">The expected gross basket (before discount and shipping) of that purchase; orders are drawn around it.</param>
public readonly record struct DemoResponse(double Probability, double Basket);
