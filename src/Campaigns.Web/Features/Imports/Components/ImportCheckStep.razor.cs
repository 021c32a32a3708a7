using Campaigns.Imports;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Imports.Components;

/// <summary>The wizard's third step: what the dry run found, by row and column, and the button that imports the file.</summary>
public partial class ImportCheckStep
{
    /// <summary>The problems listed here; the rest are in the run's rejected-rows file.</summary>
    private const int ProblemsShown = 200;

    /// <summary>The dry run of the mapping as it stands.</summary>
    [Parameter, EditorRequired] public ImportSummary DryRun { get; set; } = null!;

    /// <summary>The name to save the mapping under (empty: not saved).</summary>
    [Parameter] public string SaveAs { get; set; } = "";

    /// <summary>Raised as the name to save the mapping under is typed.</summary>
    [Parameter] public EventCallback<string> SaveAsChanged { get; set; }

    /// <summary>The import cannot start (one is starting or started).</summary>
    [Parameter] public bool Disabled { get; set; }

    /// <summary>Raised to import the file with the checked mapping.</summary>
    [Parameter] public EventCallback OnImport { get; set; }
}
