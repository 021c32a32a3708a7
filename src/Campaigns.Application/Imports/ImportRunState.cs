using Campaigns.Domain.Imports;

namespace Campaigns.Application.Imports;

/// <summary>Where a stopped import run stands, and whether (or why not) it can be resumed.</summary>
public sealed record ImportRunState(ImportRun Run, bool CanResume, string? WhyNot);
