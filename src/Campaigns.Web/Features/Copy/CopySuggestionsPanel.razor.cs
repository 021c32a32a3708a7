using Campaigns.Application.Common;
using Campaigns.Application.Copy;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Copy;
using Campaigns.Ml.Copy;
using Campaigns.Web.Features.Copy.Components;
using Campaigns.Web.Security;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Copy;

/// <summary>
/// The campaign editor's copy: the arms it will launch with, "Suggest copy" for its channel and terms, picking or
/// editing a suggestion, and writing a line by hand. Every change goes through <see cref="CopySuggestionService"/>.
/// </summary>
public partial class CopySuggestionsPanel
{
    [Inject] private CopySuggestionService Copy { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;

    /// <summary>The saved campaign whose copy this is.</summary>
    [Parameter, EditorRequired] public Guid CampaignId { get; set; }
    /// <summary>The campaign's channel as saved: the copy is written for it.</summary>
    [Parameter] public Channel Channel { get; set; }
    /// <summary>The campaign's status as saved: its copy changes only while the campaign is editable.</summary>
    [Parameter] public CampaignStatus Status { get; set; }
    /// <summary>Raised when the chosen copy changes (the editor's history shows it).</summary>
    [Parameter] public EventCallback Changed { get; set; }

    private bool Editable => Campaign.IsEditableIn(Status);
    private int Limit => CopyGuardrails.DefaultLengthLimits[_body ? CopyChannel.EmailBody : CopyConditions.HeadlineChannel(Channel)];

    private IReadOnlyList<ChosenCopy> _chosen = [];
    private SuggestionBatch? _batch;
    /// <summary>Counts requests for suggestions and picks; the candidates are keyed by it, so either ends any edit.</summary>
    private int _round;
    private Tone _tone = Tone.Friendly;
    /// <summary>Suggest email bodies (for a chosen subject line) rather than headlines; <see cref="_batchIsBody"/> is what the shown batch holds.</summary>
    private bool _body, _batchIsBody;
    private string? _written, _error;
    private bool _busy;

    /// <summary>The channel and part whose last suggestions are shown; they are read again when either changes.</summary>
    private (Channel Channel, bool Body)? _shownFor;

    protected override async Task OnParametersSetAsync()
    {
        if (Channel != Channel.Email) _body = false;
        _chosen = await Copy.ChosenAsync(CampaignId);
        if (Editable && _shownFor != (Channel, _body)) await ShowLastAsync();
    }

    /// <summary>Shows the suggestions last shown for this channel and part, so a reload or another visit finds them again.</summary>
    private async Task ShowLastAsync()
    {
        _shownFor = (Channel, _body);
        _round++;
        _batch = await Copy.LastShownAsync(CampaignId, _body);
        _batchIsBody = _body;
        if (_batch is not null) _tone = _batch.Tone;
    }

    private async Task SuggestAsync()
    {
        if (_busy) return;
        _busy = true;
        _error = null;
        _round++;
        try
        {
            var suggested = await Copy.SuggestAsync(CampaignId, _tone, await CurrentUser.NameAsync(), _body);
            _error = suggested.Succeeded ? null : suggested.Message;
            if (suggested.Value is { } batch)
            {
                _batch = batch;
                _batchIsBody = _body;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the circuit (and the form's unsaved edits) alive; say what failed.
            _error = $"Suggestions failed: {ex.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    private Task OnPartChanged(bool body)
    {
        _body = body;
        return ShowLastAsync();
    }

    private async Task PickAsync(CopyPick pick)
    {
        if (await ChangeAsync(async user => await Copy.PickAsync(pick.Suggestion.Id, pick.EditedText, user, pick.ForVariant))) _round++;
    }

    private async Task WriteAsync()
    {
        if (await ChangeAsync(async user => await Copy.WriteAsync(CampaignId, _written ?? "", _tone, user))) _written = null;
    }

    private Task RemoveAsync(ChosenCopy c) => ChangeAsync(user => Copy.RemoveAsync(c.Id, user));

    /// <summary>Runs a change, shows its refusal if any, and reloads the chosen copy; returns whether the change was made.</summary>
    private async Task<bool> ChangeAsync(Func<string, Task<Result>> change)
    {
        // A double click reaches the server before the disabled button reaches the browser.
        if (_busy) return false;
        _busy = true;
        try
        {
            var result = await change(await CurrentUser.NameAsync());
            _error = result.Succeeded ? null : result.Message;
            _chosen = await Copy.ChosenAsync(CampaignId);
            if (result.Succeeded) await Changed.InvokeAsync();
            return result.Succeeded;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = $"The copy was not changed: {ex.Message}";
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    private static string ChannelText(Channel channel) => channel switch
    {
        Channel.Push => "Push notification",
        Channel.OnsiteBanner => "On-site banner",
        _ => "Email subject",
    };
}
