using Campaigns.Domain.Auditing;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Campaigns.Components;

/// <summary>The campaign's audit trail, newest first.</summary>
public partial class CampaignHistory
{
    /// <summary>The campaign's audit entries, newest first.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<AuditEntry> Entries { get; set; } = [];
}
