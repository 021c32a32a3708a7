using Campaigns.Analytics;

namespace Campaigns.Application.Experiments;

/// <summary>An experiment as lists show it: the results page's report, arms, verdict and headline for the same options.</summary>
public sealed record ExperimentReading(ExperimentReport Report, IReadOnlyList<ArmFigures> Arms, Verdict Verdict, string Headline);
