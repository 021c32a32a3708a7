namespace Campaigns.Analytics.Customers;

/// <summary>One decile of customers by score (1 = highest scores): how many, the mean predicted probability and the actual rate.</summary>
public readonly record struct CalibrationBin(int Decile, int Rows, double Predicted, double Actual);
