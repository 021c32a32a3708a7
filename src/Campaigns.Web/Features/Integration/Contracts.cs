using System.Text.Json;

namespace Campaigns.Web.Features.Integration;

/// <summary>POST /api/assignments body.</summary>
/// <param name="CampaignId">The campaign's id.</param>
/// <param name="CustomerId">The customer's id in the store (external id).</param>
public sealed record AssignmentRequest(Guid? CampaignId, string? CustomerId);

public sealed record AssignedArm(Guid Id, string Name, bool IsControl);

public sealed record AssignedCopy(Guid Id, string Headline, string? Body);

/// <summary>The arm a customer is in, with what to show them.</summary>
public sealed record AssignmentResponse(Guid CampaignId, string CustomerId, AssignedArm Arm, string? CouponCode, AssignedCopy? Copy, DateTime AssignedAt, bool IsNew);

/// <summary>POST /api/events body: up to 10,000 events.</summary>
public sealed record EventBatch(List<JsonElement>? Events);

/// <summary>Why one row of a batch was rejected (row numbers start at 1).</summary>
public sealed record RejectedEvent(int Row, string? EventId, IReadOnlyList<string> Errors);

public sealed record IngestionResult(int Received, int Accepted, int Duplicates, IReadOnlyList<int> DuplicateRows, IReadOnlyList<RejectedEvent> Rejected);
