using Campaigns.Application.Copy;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Copy.Components;

/// <summary>
/// The shown suggestions with their predicted click-through and the words that move it: each can be picked as shown
/// or edited first; a suggested body goes under one of the chosen lines. The panel keys it by its requests and picks,
/// so a new request (or a failed one) and a pick end any edit.
/// </summary>
public partial class CopyCandidates
{
    private Guid? _editing;
    private string? _editText;

    /// <summary>The suggestions shown.</summary>
    [Parameter, EditorRequired] public SuggestionBatch Batch { get; set; } = null!;

    /// <summary>Whether the batch holds email bodies (unranked, each goes under a chosen line) rather than lines.</summary>
    [Parameter] public bool IsBody { get; set; }

    /// <summary>The chosen copy: what is picked, and the lines a body can go under.</summary>
    [Parameter] public IReadOnlyList<ChosenCopy> Chosen { get; set; } = [];

    /// <summary>A change is under way: picking waits.</summary>
    [Parameter] public bool Busy { get; set; }

    /// <summary>The channel's length limit, counted while editing.</summary>
    [Parameter] public int Limit { get; set; }

    /// <summary>Raised to pick a suggestion; the panel renews this component after a pick, which ends the edit.</summary>
    [Parameter] public EventCallback<CopyPick> OnPick { get; set; }

    /// <summary>Shown suggestions that are chosen now: read from the chosen copy, so removing a line or replacing a body un-picks it.</summary>
    private bool IsPicked(Guid suggestionId) => Chosen.Any(c => c.SuggestionId == suggestionId || c.BodySuggestionId == suggestionId);

    private void StartEdit(ShownSuggestion s)
    {
        _editing = s.Id;
        _editText = s.Text;
    }

    private Task PickAsync(ShownSuggestion s, string? edited, Guid? forVariant = null) => OnPick.InvokeAsync(new CopyPick(s, edited, forVariant));
}
