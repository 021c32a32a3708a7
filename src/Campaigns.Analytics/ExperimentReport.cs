namespace Campaigns.Analytics;

public sealed record ExperimentReport(SampleRatioMismatchResult SampleRatio, IReadOnlyList<MetricComparison> Comparisons, AnalysisOptions Options)
{
    public IEnumerable<MetricComparison> For(MetricDefinition metric) => Comparisons.Where(c => c.Metric == metric.Name);
    public MetricComparison? Find(MetricDefinition metric, string arm) => Comparisons.FirstOrDefault(c => c.Metric == metric.Name && c.Arm == arm);
}
