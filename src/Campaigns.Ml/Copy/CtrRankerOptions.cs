namespace Campaigns.Ml.Copy;

/// <summary>How the click-through ranker is trained.</summary>
public sealed class CtrRankerOptions
{
    /// <summary>Share of copy lines held out for AUC, log-loss and calibration.</summary>
    public double TestShare { get; set; } = 0.2;
    /// <summary>Bootstrap refits (lines resampled with Poisson(1) weights) that give each prediction its interval.</summary>
    public int Bootstraps { get; set; } = 20;
    public float L2Regularization { get; set; } = 1f;
    public int Seed { get; set; } = 42;
}
