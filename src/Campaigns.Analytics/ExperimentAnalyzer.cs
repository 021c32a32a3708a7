namespace Campaigns.Analytics;

// Orchestration: every treatment arm against control on every metric, from sufficient statistics only, so the work is
// O(arms × metrics) whatever the traffic. Methods are those of the classes it calls (see their reference lines).
public static class ExperimentAnalyzer
{
    /// <summary>
    /// Analyses an experiment. Configuration mistakes (not exactly one control arm, duplicate arm names, a confidence level
    /// outside (0, 1)) throw <see cref="ArgumentException"/>; data problems never throw and come back as a
    /// <see cref="ComparisonStatus"/> with a note.
    /// </summary>
    public static ExperimentReport Analyze(IReadOnlyList<MetricDefinition> metrics, IReadOnlyList<ArmInput> arms, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        if (options.ConfidenceLevel is <= 0 or >= 1 || double.IsNaN(options.ConfidenceLevel))
            throw new ArgumentOutOfRangeException(nameof(options), "The confidence level must be strictly between 0 and 1.");
        var controls = arms.Where(a => a.IsControl).ToList();
        if (controls.Count != 1) throw new ArgumentException("Exactly one arm must be the control.", nameof(arms));
        if (arms.Select(a => a.Name).Distinct().Count() != arms.Count) throw new ArgumentException("Arm names must be unique.", nameof(arms));
        var control = controls[0];

        var srm = SampleRatioMismatch.Test(arms.Select(a => a.Exposed).ToList(), arms.Select(a => a.PlannedAllocation).ToList(), options.SrmThreshold);
        var comparisons = (from metric in metrics from arm in arms where !arm.IsControl select ArmComparer.Compare(metric, control, arm, options)).ToList();

        // The correction runs over the family of every arm × metric p-value that was actually computed.
        var tested = comparisons.Select((c, i) => (c, i)).Where(x => x.c is { Status: ComparisonStatus.Ok, PValue: not null }).ToList();
        var adjusted = MultipleComparisons.Adjust(tested.Select(x => x.c.PValue!.Value).ToList(), options.Correction);
        for (var k = 0; k < tested.Count; k++) comparisons[tested[k].i] = comparisons[tested[k].i] with { AdjustedPValue = adjusted[k] };

        var final = comparisons.Select(c => Decide(c, options, srm.IsMismatch)).ToList();
        return new ExperimentReport(srm, final, options);
    }

    private static MetricComparison Decide(MetricComparison c, AnalysisOptions options, bool srmMismatch)
    {
        var outcome = Outcome.NotEnoughData;
        var significant = false;
        if (c.Status == ComparisonStatus.Ok && c.Lift is { } lift)
        {
            var better = c.HigherIsBetter ? lift.Absolute > 0 : lift.Absolute < 0;
            if (c.Bayesian is { } b)
            {
                significant = b.ChanceToWin >= options.ConfidenceLevel || b.ChanceToWin <= 1 - options.ConfidenceLevel;
                better = b.ChanceToWin > 0.5;
            }
            else significant = (c.AdjustedPValue ?? c.PValue ?? 1) < 1 - options.ConfidenceLevel && lift.Absolute != 0;
            outcome = !significant ? Outcome.Inconclusive : better ? Outcome.Improvement : Outcome.Regression;
        }
        var decided = c with { IsSignificant = significant, Outcome = outcome };
        return decided with { Verdict = VerdictText.For(decided, srmMismatch) };
    }
}
