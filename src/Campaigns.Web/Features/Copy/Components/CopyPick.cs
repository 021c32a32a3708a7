using Campaigns.Application.Copy;

namespace Campaigns.Web.Features.Copy.Components;

/// <summary>A suggestion to pick: as shown or with the marketer's edit, and for a body, the chosen line it goes under.</summary>
public sealed record CopyPick(ShownSuggestion Suggestion, string? EditedText, Guid? ForVariant = null);
