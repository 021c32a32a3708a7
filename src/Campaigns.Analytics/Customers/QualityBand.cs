namespace Campaigns.Analytics.Customers;

/// <summary>
/// How a marketer reads a classifier's AUC: below 0.6 poor (little better than chance), 0.6–0.7 fair, 0.7–0.8 good,
/// 0.8 and above excellent (Hosmer &amp; Lemeshow, Applied Logistic Regression, 3rd ed. §5.2.4, shifted one band down
/// because behaviour predictions rarely reach 0.9).
/// </summary>
public enum QualityBand
{
    Poor,
    Fair,
    Good,
    Excellent,
}
