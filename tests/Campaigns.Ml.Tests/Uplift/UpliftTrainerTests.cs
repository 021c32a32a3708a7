using Campaigns.Ml.Uplift;

namespace Campaigns.Ml.Tests.Uplift;

/// <summary>Each learner trained once on strong synthetic effects, shared by the tests that only read the models.</summary>
public sealed class TrainedLearners
{
    public const int Rows = 5000;
    public SyntheticUplift Test { get; } = SyntheticUplift.Generate(3000, 2, strength: 4);
    public Dictionary<UpliftLearner, UpliftTrainingResult> Results { get; } = [];

    public TrainedLearners()
    {
        var train = SyntheticUplift.Generate(Rows, 1, strength: 4).Data;
        foreach (var learner in new[] { UpliftLearner.S, UpliftLearner.T, UpliftLearner.X, UpliftLearner.DR, UpliftLearner.Neural })
            Results[learner] = UpliftTrainer.Train(train, new UpliftTrainingOptions { Learner = learner });
    }
}

public class UpliftTrainerTests(TrainedLearners trained) : IClassFixture<TrainedLearners>
{
    public static TheoryData<UpliftLearner> Learners => [UpliftLearner.S, UpliftLearner.T, UpliftLearner.X, UpliftLearner.DR, UpliftLearner.Neural];

    [Theory]
    [MemberData(nameof(Learners))]
    public void Each_learner_ranks_customers_by_their_true_effect_and_finds_those_put_off(UpliftLearner learner)
    {
        var result = trained.Results[learner];
        var predictions = result.Model.Predict(trained.Test.Data);
        var predicted = Enumerable.Range(0, predictions.Count).Select(i => (double)predictions.Effect(i, 1)).ToArray();
        var truth = trained.Test.TrueEffect(1).Select(v => (double)v).ToArray();

        Assert.Equal(learner.ToString(), result.Chosen);
        Assert.True(Correlation(predicted, truth) > 0.6, $"correlation {Correlation(predicted, truth):0.00}");
        var putOff = Enumerable.Range(0, truth.Length).Where(i => truth[i] < 0).Average(i => predicted[i]);
        Assert.True(putOff < 0, $"mean prediction where the true effect is negative: {putOff:0.000}");
        Assert.True(result.Validation.QiniCoefficient > 0.05, $"validation Qini {result.Validation.QiniCoefficient:0.000}");
        Assert.InRange(predictions.ControlOutcome(0), 0, 1);
    }

    [Fact]
    public void Auto_compares_every_candidate_by_three_fold_cross_validation_and_keeps_the_best_mean_Qini()
    {
        var train = SyntheticUplift.Generate(3000, 3, strength: 4).Data;
        var result = UpliftTrainer.Train(train, new UpliftTrainingOptions());

        Assert.Equal(["S", "T", "X", "DR", "Neural"], result.Candidates.Select(c => c.Learner));
        Assert.Equal(result.Candidates.MaxBy(c => c.QiniCoefficient)!.Learner, result.Chosen);
        Assert.Equal(result.Chosen, result.Model.Learner);
        Assert.All(result.Candidates, c =>
        {
            Assert.Equal(3, c.Folds);
            Assert.True(c.QiniStandardError > 0 && c.QiniStandardError < 0.1, $"{c.Learner}: standard error {c.QiniStandardError}");
            Assert.True(c.TrainingTime > TimeSpan.Zero);
        });
        Assert.Equal(3000, result.TrainingRows);
        // Under the cap every row is compared, each scored by the fold model that did not see it.
        Assert.Equal(3000, result.ValidationRows);
        Assert.Equal(2000, result.CandidateTrainingRows);
    }

    [Fact]
    public void The_choice_is_never_below_the_best_mean_Qini_by_more_than_its_standard_error()
    {
        CandidateScore Score(string learner, double qini, double se) => new(learner, qini, 0, 0, TimeSpan.Zero, se, 3);
        List<CandidateScore> scores = [Score("S", 0.081, 0.006), Score("T", 0.070, 0.002), Score("X", 0.084, 0.010), Score("DR", 0.084, 0.001)];

        var chosen = scores[UpliftTrainer.Choose(scores)];

        Assert.Equal("X", chosen.Learner);
        var best = scores.MaxBy(s => s.QiniCoefficient)!;
        Assert.True(chosen.QiniCoefficient >= best.QiniCoefficient - best.QiniStandardError);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    public void A_fold_count_outside_2_to_10_is_rejected(int folds)
    {
        var data = SyntheticUplift.Generate(200, 1).Data;
        var error = Assert.Throws<ArgumentException>(() => UpliftTrainer.Train(data, new UpliftTrainingOptions { Folds = folds }));
        Assert.Equal($"Folds must be between 2 and 10, not {folds}.", error.Message);
    }

    [Fact]
    public void Several_treatment_arms_get_one_effect_each()
    {
        var data = SyntheticUplift.Generate(6000, 4, treatmentArms: 2, strength: 4);
        var test = SyntheticUplift.Generate(2000, 5, treatmentArms: 2, strength: 4);
        var model = UpliftTrainer.Train(data.Data, new UpliftTrainingOptions { Learner = UpliftLearner.T }).Model;
        var predictions = model.Predict(test.Data);

        Assert.Equal(2, predictions.TreatmentArms);
        for (var k = 1; k <= 2; k++)
        {
            var predicted = Enumerable.Range(0, predictions.Count).Select(i => (double)predictions.Effect(i, k)).ToArray();
            Assert.True(Correlation(predicted, test.TrueEffect(k).Select(v => (double)v).ToArray()) > 0.5);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => predictions.Effect(0, 3));
    }

    [Fact]
    public void Amount_outcomes_are_learned_by_regression()
    {
        var (data, truth) = Amounts(4000, 6);
        var model = UpliftTrainer.Train(data, new UpliftTrainingOptions { Learner = UpliftLearner.X, BinaryOutcome = false }).Model;
        var predictions = model.Predict(data);
        var predicted = Enumerable.Range(0, predictions.Count).Select(i => (double)predictions.Effect(i, 1)).ToArray();

        Assert.True(Correlation(predicted, truth) > 0.7);
        Assert.InRange(predictions.ControlOutcome(0), 20, 150);
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void A_saved_and_loaded_model_predicts_exactly_the_same(UpliftLearner learner)
    {
        var model = trained.Results[learner].Model;
        model.Metadata["outcome-column"] = "bought";
        using var file = new MemoryStream();
        model.Save(file);
        file.Position = 0;
        var loaded = UpliftModel.Load(file);

        var (before, after) = (model.Predict(trained.Test.Data), loaded.Predict(trained.Test.Data));
        Assert.Equal(model.Learner, loaded.Learner);
        Assert.Equal(model.Arms, loaded.Arms);
        Assert.Equal(model.NumericFeatures, loaded.NumericFeatures);
        Assert.Equal(model.CategoricalFeatures, loaded.CategoricalFeatures);
        Assert.Equal("bought", loaded.Metadata["outcome-column"]);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before.ControlOutcome(i), after.ControlOutcome(i));
            Assert.Equal(before.Effect(i, 1), after.Effect(i, 1));
        }
    }

    [Fact]
    public void Rows_are_matched_to_features_by_name_and_unseen_categories_still_score()
    {
        var model = trained.Results[UpliftLearner.T].Model;
        var reordered = new UpliftDataset(model.NumericFeatures.Reverse().ToList(), ["device", "region", "extra"], ["a", "b"]);
        reordered.Add("new", Enumerable.Repeat(0.5f, 10).ToArray(), ["smartwatch", "atlantis", "x"]);
        Assert.Equal(1, model.Predict(reordered).Count);

        var missing = new UpliftDataset(["x0"], ["region"], ["a", "b"]);
        missing.Add("r", [0f], ["north"]);
        Assert.Contains("'x1'", Assert.Throws<ArgumentException>(() => model.Predict(missing)).Message);
    }

    [Fact]
    public void Data_with_one_arm_is_rejected_with_a_message()
    {
        var data = new UpliftDataset(["x"], [], ["control", "offer"]);
        for (var i = 0; i < 100; i++) data.Add($"{i}", [i], [], 0, i % 2);

        var error = Assert.Throws<ArgumentException>(() => UpliftTrainer.Train(data, new UpliftTrainingOptions()));
        Assert.Equal("Only one arm ('control') has rows; uplift needs a control and at least one treatment.", error.Message);
    }

    [Theory]
    [InlineData(0, "There are no rows to train on.")]
    [InlineData(1, "The outcome is 1 in every row; there is no effect to learn.")]
    [InlineData(2, "The outcome has the value 2, but a binary outcome must be 0 or 1.")]
    [InlineData(3, "Arm 'offer' has 5 rows; uplift needs at least 20 per arm.")]
    public void Data_that_cannot_train_is_rejected_with_a_one_line_message(int variant, string message)
    {
        var data = new UpliftDataset(["x"], [], ["control", "offer"]);
        var rows = variant == 0 ? 0 : 100;
        for (var i = 0; i < rows; i++)
            data.Add($"{i}", [i], [], variant == 3 && i >= 10 ? 0 : i % 2, variant switch { 1 => 1, 2 => i % 3, _ => i % 2 });
        var error = Assert.Throws<ArgumentException>(() => UpliftTrainer.Train(data, new UpliftTrainingOptions()));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Cancelling_stops_training_with_OperationCanceledException()
    {
        var data = SyntheticUplift.Generate(2000, 7).Data;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.ThrowsAny<OperationCanceledException>(() => UpliftTrainer.Train(data, new UpliftTrainingOptions(), cancellationToken: cancelled.Token));

        using var soon = new CancellationTokenSource();
        var stages = new List<string>();
        var progress = new SynchronousProgress(p =>
        {
            stages.Add(p.Stage);
            if (p.Stage.StartsWith("T:")) soon.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => UpliftTrainer.Train(data, new UpliftTrainingOptions(), progress, soon.Token));
        Assert.DoesNotContain(stages, s => s.StartsWith("X:"));
    }

    internal static double Correlation(double[] a, double[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.Sqrt(aa * bb);
    }

    /// <summary>Order amounts around 60 whose treatment effect is 8 * x0 (negative for x0 &lt; 0), noise sd 5.</summary>
    private static (UpliftDataset Data, double[] Truth) Amounts(int rows, int seed)
    {
        var random = new Random(seed);
        var data = new UpliftDataset(["x0", "x1", "x2"], [], ["control", "offer"]);
        var truth = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var x = new[] { (float)(random.NextDouble() * 2 - 1), (float)(random.NextDouble() * 2 - 1), (float)(random.NextDouble() * 2 - 1) };
            truth[i] = 8 * x[0];
            var arm = random.Next(2);
            var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            data.Add($"{i}", x, [], arm, (float)(60 + 10 * x[1] + arm * truth[i] + 5 * noise));
        }
        return (data, truth);
    }

    private sealed class SynchronousProgress(Action<(string Stage, double Fraction)> report) : IProgress<(string Stage, double Fraction)>
    {
        public void Report((string Stage, double Fraction) value) => report(value);
    }
}
