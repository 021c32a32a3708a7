using Campaigns.Ml.Uplift.Neural;

namespace Campaigns.Ml.Tests.Uplift.Neural;

/// <summary>One TARNet fitted on a binary experiment with a known effect, shared by the tests that only read it.</summary>
public sealed class FittedTarNet : IDisposable
{
    public FittedTarNet()
    {
        Data = SyntheticExperiment.Binary(rows: 20_000, inputs: 6, seed: 7);
        Net = TarNet.Fit(Data.X, Data.Inputs, Data.Arm, Data.Y, arms: 2, TarNetOptions);
        Predictions = Net.Predict(Data.X, Data.Count);
    }

    public static TarNetOptions TarNetOptions { get; } = new() { Epochs = 15, BatchSize = 256, Seed = 3 };
    internal SyntheticExperiment Data { get; }
    public TarNet Net { get; }
    public float[] Predictions { get; }

    public void Dispose() => Net.Dispose();
}

public class TarNetTests(FittedTarNet fitted) : IClassFixture<FittedTarNet>
{
    private static readonly TarNetOptions Quick = new() { Epochs = 2, BatchSize = 256, Hidden = 16 };

    [Fact]
    public void Predicted_effect_correlates_with_the_true_heterogeneous_effect()
    {
        var predicted = SyntheticExperiment.PredictedEffect(fitted.Predictions, fitted.Data.Count);

        var correlation = SyntheticExperiment.Pearson(predicted, fitted.Data.TrueEffect);

        Assert.True(correlation > 0.6, $"correlation {correlation:F3}");
    }

    [Fact]
    public void Rows_the_treatment_harms_get_a_negative_mean_predicted_effect()
    {
        var predicted = SyntheticExperiment.PredictedEffect(fitted.Predictions, fitted.Data.Count);
        var harmed = Enumerable.Range(0, fitted.Data.Count).Where(i => fitted.Data.TrueEffect[i] < -0.05).ToList();

        Assert.True(harmed.Count > 1000);
        Assert.True(harmed.Average(i => predicted[i]) < 0, $"mean predicted effect {harmed.Average(i => predicted[i]):F3}");
    }

    [Fact]
    public void Predict_returns_one_probability_per_row_and_arm()
    {
        Assert.Equal(fitted.Data.Count * 2, fitted.Predictions.Length);
        Assert.All(fitted.Predictions, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(6, fitted.Net.Inputs);
        Assert.Equal(2, fitted.Net.Arms);
    }

    [Fact]
    public void Save_then_Load_gives_identical_predictions()
    {
        using var loaded = TarNet.Load(fitted.Net.Save());

        Assert.Equal(fitted.Predictions, loaded.Predict(fitted.Data.X, fitted.Data.Count));
        Assert.Equal((fitted.Net.Inputs, fitted.Net.Arms, fitted.Net.Hidden, fitted.Net.BinaryOutcome),
            (loaded.Inputs, loaded.Arms, loaded.Hidden, loaded.BinaryOutcome));
    }

    [Fact]
    public void Load_rejects_corrupt_bytes_with_an_InvalidDataException()
    {
        var bytes = fitted.Net.Save();
        var flipped = (byte[])bytes.Clone();
        flipped[^10] ^= 0x5A;

        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => TarNet.Load(flipped)).Message);
        Assert.Contains("length", Assert.Throws<InvalidDataException>(() => TarNet.Load(bytes[..^100])).Message);
        Assert.Contains("marker", Assert.Throws<InvalidDataException>(() => TarNet.Load("not a model"u8.ToArray())).Message);
        Assert.Throws<InvalidDataException>(() => TarNet.Load(bytes[..12]));
        Assert.Throws<InvalidDataException>(() => TarNet.Load([]));
    }

    [Fact]
    public void Fit_reports_the_validation_loss_of_each_epoch()
    {
        var data = SyntheticExperiment.Binary(rows: 2_000, inputs: 4, seed: 1);
        var reports = new List<(int Epoch, double Loss)>();

        using var net = TarNet.Fit(data.X, data.Inputs, data.Arm, data.Y, 2, Quick, new SynchronousProgress<(int, double)>(reports.Add));

        Assert.Equal([1, 2], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.InRange(r.Loss, 0.3, 1.0));
    }

    [Fact]
    public void Fit_with_the_same_seed_gives_the_same_model()
    {
        var data = SyntheticExperiment.Binary(rows: 2_000, inputs: 4, seed: 1);

        using var first = TarNet.Fit(data.X, data.Inputs, data.Arm, data.Y, 2, Quick);
        using var second = TarNet.Fit(data.X, data.Inputs, data.Arm, data.Y, 2, Quick);

        Assert.Equal(first.Predict(data.X, data.Count), second.Predict(data.X, data.Count));
    }

    [Fact]
    public void Fit_throws_OperationCanceledException_when_cancelled_between_batches()
    {
        var data = SyntheticExperiment.Binary(rows: 2_000, inputs: 4, seed: 1);
        using var cancellation = new CancellationTokenSource();
        var cancelAfterFirstEpoch = new SynchronousProgress<(int, double)>(_ => cancellation.Cancel());

        Assert.ThrowsAny<OperationCanceledException>(() =>
            TarNet.Fit(data.X, data.Inputs, data.Arm, data.Y, 2, Quick with { Epochs = 50 }, cancelAfterFirstEpoch, cancellation.Token));
    }

    [Fact]
    public void Continuous_outcomes_are_predicted_in_their_own_units()
    {
        var data = SyntheticExperiment.Amounts(rows: 5_000, inputs: 4, seed: 2);

        using var net = TarNet.Fit(data.X, data.Inputs, data.Arm, data.Y, 2, Quick with { Epochs = 10, BinaryOutcome = false });
        var predictions = net.Predict(data.X, data.Count);
        var predicted = SyntheticExperiment.PredictedEffect(predictions, data.Count);

        Assert.InRange(Enumerable.Range(0, data.Count).Average(i => predictions[2 * i]), 75, 85);
        Assert.True(SyntheticExperiment.Pearson(predicted, data.TrueEffect) > 0.6);
    }

    [Fact]
    public void Fit_rejects_an_arm_without_rows()
    {
        var data = SyntheticExperiment.Binary(rows: 100, inputs: 4, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => TarNet.Fit(data.X, data.Inputs, new int[100], data.Y, 2, Quick));

        Assert.Contains("Arm 1 has no rows", error.Message);
    }

    /// <summary>Reports on the training thread, unlike <see cref="Progress{T}"/> which posts to the thread pool.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
