namespace Campaigns.Domain.Customers;

/// <summary>How likely a customer is to lapse, in the words a dashboard uses; thresholds in <see cref="CustomerScore"/>.</summary>
public enum ChurnBand { Low, Medium, High }
