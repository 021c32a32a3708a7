using Campaigns.Domain.Audiences;

namespace Campaigns.Application.Audiences;

/// <summary>One member of a saved audience as a sender receives it.</summary>
public sealed record AudienceExportRow(string ExternalId, string? Email, AudienceCell Cell, int Rank, double PredictedUplift, double ExpectedProfit);
