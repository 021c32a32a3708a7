using System.Text;
using Campaigns.Imports.Csv;

namespace Campaigns.Application.Experiments;

/// <summary>
/// The results table as CSV (one row per metric and arm), invariant culture so spreadsheets anywhere read it; names and verdicts
/// are text cells (<see cref="CsvText.Cell"/>). Every row repeats the experiment's recommendation and headline (the page's verdict),
/// so a filtered or pasted extract still carries it.
/// </summary>
public static class ResultsCsv
{
    public static string Write(ExperimentResultsView view)
    {
        var csv = new StringBuilder();
        csv.AppendLine("metric,arm,control,engine,control_mean,arm_mean,absolute_lift,absolute_low,absolute_high,relative_lift,relative_low,relative_high,p_value,adjusted_p_value,chance_to_win,significant,outcome,verdict,recommendation,headline");
        foreach (var c in view.Report.Comparisons)
        {
            string N(double? v) => v is { } d ? CsvText.Number(d) : "";
            string Q(string s) => CsvText.Cell(s);
            csv.AppendLine(string.Join(",",
                Q(c.Metric), Q(c.Arm), Q(c.Control), c.Engine, N(c.ControlEstimate?.Mean), N(c.TreatmentEstimate?.Mean),
                N(c.Lift?.Absolute), N(c.Lift?.AbsoluteInterval.Low), N(c.Lift?.AbsoluteInterval.High),
                N(c.Lift?.Relative), N(c.Lift?.RelativeInterval?.Low), N(c.Lift?.RelativeInterval?.High),
                N(c.PValue), N(c.AdjustedPValue), N(c.Bayesian?.ChanceToWin), c.IsSignificant ? "true" : "false", c.Outcome, Q(c.Verdict), view.Verdict.Action, Q(view.Headline)));
        }
        return csv.ToString();
    }
}
