namespace Campaigns.Web.Features.Models;

/// <summary>ML threads are capped so a training never takes every core from the pages.</summary>
public sealed class TrainingLimits
{
    public const string Section = "Training";
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int Threads { get; set; } = 1;
    /// <summary>Train the first version of each kind at start-up when the store has data for it but no version.</summary>
    public bool TrainOnFirstStart { get; set; } = true;
}
