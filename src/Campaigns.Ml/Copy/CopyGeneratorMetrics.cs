namespace Campaigns.Ml.Copy;

/// <summary>Held-out perplexity of the model and of the count baselines on the same split and tokens.</summary>
public sealed record CopyGeneratorMetrics(double TestPerplexity, double UnigramPerplexity, double BigramPerplexity, double BigramLambda,
    int TrainingLines, int ValidationLines, int TestLines, int DistinctTemplates, int Vocabulary, int Epochs, double TrainingSeconds);
