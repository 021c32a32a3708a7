namespace Campaigns.Ml.Copy;

/// <summary>Held-out quality of the ranker, judged per impression (a click is a positive, an impression without one a negative).</summary>
/// <param name="CalibrationError">Expected calibration error over ten bins of predicted CTR, weighted by impressions.</param>
public sealed record CtrRankerMetrics(double Auc, double LogLoss, double BaseRateLogLoss, double LengthOnlyAuc, double CalibrationError,
    int TrainingLines, int TestLines, int Bootstraps, double TrainingSeconds);
