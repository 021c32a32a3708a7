using Campaigns.Application.Common.Formatting;
using Campaigns.Application.Models;
using Campaigns.Application.Targeting;
using Campaigns.Web.Components.Charts;
using Microsoft.AspNetCore.Components;

namespace Campaigns.Web.Features.Models.Components;

public partial class VersionComparison
{
    private sealed record Row(string Name, string Left, string Right, bool Section = false);

    /// <summary>The first version (drawn in the primary colour).</summary>
    [Parameter, EditorRequired] public ModelVersionRow Left { get; set; } = null!;

    /// <summary>The second version, of the same kind.</summary>
    [Parameter, EditorRequired] public ModelVersionRow Right { get; set; } = null!;

    private IReadOnlyList<Row> Rows { get; set; } = [];
    private IReadOnlyList<CurveSeries>? QiniSeries { get; set; }

    protected override void OnParametersSet()
    {
        var rows = new List<Row>
        {
            new("Learner", EnumWords.Learner(Left.Learner), EnumWords.Learner(Right.Learner)),
            new("Status", Left.Status.ToString(), Right.Status.ToString()),
            new(ModelKinds.Get(Left.Kind).Metric.Name, Metric(Left.MainMetric), Metric(Right.MainMetric)),
            new("Rows", Display.Count(Left.RowCount), Display.Count(Right.RowCount)),
            new("Data window", Window(Left), Window(Right)),
            new("Training time", Seconds(Left.TrainingTime), Seconds(Right.TrainingTime)),
            new("Triggered by", Left.TriggeredBy, Right.TriggeredBy),
        };
        if ((Left.Details as UpliftVersionDetails)?.Metrics is { } l && (Right.Details as UpliftVersionDetails)?.Metrics is { } r)
        {
            rows.Add(new("Held-out evaluation", "", "", Section: true));
            rows.Add(new("AUUC", Metric(l.Validation.Auuc), Metric(r.Validation.Auuc)));
            foreach (var k in l.Validation.UpliftAtK.Keys.Union(r.Validation.UpliftAtK.Keys).Order())
                rows.Add(new($"Uplift in the top {k}%", Percent(l.Validation.UpliftAtK.GetValueOrDefault(k)), Percent(r.Validation.UpliftAtK.GetValueOrDefault(k))));
            rows.Add(new("Validation rows", Display.Count(l.ValidationRows), Display.Count(r.ValidationRows)));
            rows.Add(new("Candidates' Qini coefficient", "", "", Section: true));
            foreach (var learner in l.Candidates.Select(c => c.Learner).Union(r.Candidates.Select(c => c.Learner)))
                rows.Add(new(EnumWords.Learner(learner), Candidate(l, learner), Candidate(r, learner)));
            QiniSeries =
            [
                new CurveSeries($"v{Left.Version} ({EnumWords.Learner(Left.Learner)})", l.Validation.QiniCurve.Select(p => (p.Fraction, p.Value)).ToList(), "var(--mud-palette-primary)"),
                new CurveSeries($"v{Right.Version} ({EnumWords.Learner(Right.Learner)})", r.Validation.QiniCurve.Select(p => (p.Fraction, p.Value)).ToList(), "var(--mud-palette-secondary)"),
                new CurveSeries("Random targeting", l.Validation.RandomQiniCurve.Select(p => (p.Fraction, p.Value)).ToList(), "var(--mud-palette-text-secondary)", Dashed: true),
            ];
        }
        else QiniSeries = null;
        Rows = rows;
    }

    private static string Metric(double? value) => value is { } v ? Display.Number(v, 3) : Display.None;
    private static string Percent(double value) => Display.SignedPercent(value, 2);
    private static string Seconds(TimeSpan? t) => t is { } s ? Display.Seconds(s) : Display.None;
    private static string Window(ModelVersionRow v) => $"{v.DataFrom:yyyy-MM-dd} → {v.DataTo:yyyy-MM-dd}";

    private static string Candidate(UpliftModelMetrics metrics, string learner) =>
        metrics.Candidates.FirstOrDefault(c => c.Learner == learner) is { } c ? $"{UpliftModelDetails.Qini(c)}{(learner == metrics.Chosen ? " ✓" : "")}" : "–";
}
