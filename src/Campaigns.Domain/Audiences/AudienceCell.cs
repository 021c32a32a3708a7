namespace Campaigns.Domain.Audiences;

/// <summary>Targeted: chosen by the model. Random: drawn at random from the eligible customers, to measure the model's lift over random targeting.</summary>
public enum AudienceCell { Targeted, Random }
