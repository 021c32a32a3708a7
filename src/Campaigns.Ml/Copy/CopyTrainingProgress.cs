namespace Campaigns.Ml.Copy;

/// <summary>One epoch's report: mean training and validation loss per token (natural log).</summary>
public sealed record CopyTrainingProgress(int Epoch, int Epochs, double TrainingLoss, double ValidationLoss);
