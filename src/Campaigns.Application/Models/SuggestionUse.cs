namespace Campaigns.Application.Models;

/// <summary>How marketers used a generator version's suggestions over the monitoring window.</summary>
public sealed record SuggestionUse(int Days, int Requests, int RequestsWithPick, int Picks, int Edited)
{
    public double PickRate => Requests == 0 ? 0 : (double)RequestsWithPick / Requests;
}
