using Campaigns.Application.Experiments;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Experiments.Components;

/// <summary>How the results are read: engine, multiple-testing correction, CUPED and revenue capping.</summary>
public partial class ResultsOptionsBar
{
    /// <summary>The options the results were read with.</summary>
    [Parameter, EditorRequired] public ResultsOptions Options { get; set; } = new();

    /// <summary>Raised with the options after one of them changed.</summary>
    [Parameter] public EventCallback<ResultsOptions> OptionsChanged { get; set; }

    private Task Change(ResultsOptions options) => OptionsChanged.InvokeAsync(options);
}
