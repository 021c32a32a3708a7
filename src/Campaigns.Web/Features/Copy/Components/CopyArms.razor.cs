using Campaigns.Application.Copy;
using Campaigns.Domain.Copy;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Copy.Components;

/// <summary>The arms the campaign's experiment will have at launch: the holdout, and a copy arm per chosen line (or the offer alone).</summary>
public partial class CopyArms
{
    /// <summary>The chosen copy, in the order of its arms.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ChosenCopy> Chosen { get; set; } = [];

    /// <summary>Whether a line may still be removed (the campaign is a draft or rejected).</summary>
    [Parameter] public bool Editable { get; set; }

    /// <summary>Raised with the line to remove.</summary>
    [Parameter] public EventCallback<ChosenCopy> OnRemove { get; set; }

    private static string SourceText(CopySource source) => source switch
    {
        CopySource.Generated => "suggested",
        CopySource.Edited => "suggested, edited",
        CopySource.Written => "written",
        _ => "past copy",
    };
}
