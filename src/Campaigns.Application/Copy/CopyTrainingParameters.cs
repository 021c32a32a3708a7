namespace Campaigns.Application.Copy;

/// <summary>What a copy model's training run takes (the job's defaults; the CLI and tests pass a <see cref="CopyTrainingRequest"/>).</summary>
public sealed class CopyTrainingParameters
{
    public int Epochs { get; set; } = 20;
    public int Bootstraps { get; set; } = 20;
    public int Seed { get; set; } = 42;
}
