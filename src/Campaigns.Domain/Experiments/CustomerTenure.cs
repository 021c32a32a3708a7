namespace Campaigns.Domain.Experiments;

/// <summary>Whether a customer had bought before an experiment started; <see cref="Unknown"/> when the store's order history does not reach back that far.</summary>
public enum CustomerTenure { New, Returning, Unknown }
