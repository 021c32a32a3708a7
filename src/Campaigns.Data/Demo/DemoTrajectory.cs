namespace Campaigns.Data.Demo;

/// <summary>How a demo customer's buying drifts over the history and beyond it, hidden from the app like <see cref="DemoSegment"/>.</summary>
public enum DemoTrajectory
{
    /// <summary>Buys at the segment's rate throughout.</summary>
    Steady,

    /// <summary>From a day in the history on, the rate decays towards zero (e-folding in 60 days), and keeps decaying after it.</summary>
    Lapsing,

    /// <summary>From a day in the history on, the rate rises over half a year to 2–4 times the segment's, with larger baskets, and stays there.</summary>
    Growing,
}
