using Campaigns.Application.Models;

namespace Campaigns.Web.Features.Models.Components;

/// <summary>A promotion, or with <paramref name="RollBack"/> a rollback, of <paramref name="Row"/> waiting for its reason.</summary>
public sealed record VersionOperation(ModelVersionRow Row, bool RollBack);
