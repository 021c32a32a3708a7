using static TorchSharp.torch;

namespace Campaigns.Ml.Tests;

/// <summary>The app's Adam makes the updates of TorchSharp's, and survives garbage collections during its steps.</summary>
public class AdamOptimizerTests
{
    public AdamOptimizerTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void Its_weights_follow_torch_Adam_step_for_step(double weightDecay)
    {
        manual_seed(7);
        using var ours = nn.Linear(4, 2);
        using var theirs = nn.Linear(4, 2);
        theirs.load_state_dict(ours.state_dict());
        using var input = randn(32, 4);
        using var target = randn(32, 2);
        using var adam = new AdamOptimizer(ours.parameters(), 0.05, weightDecay);
        using var reference = optim.Adam(theirs.parameters(), 0.05, beta2: 0.999, weight_decay: weightDecay);

        for (var step = 0; step < 25; step++)
        {
            adam.ZeroGrad();
            nn.functional.mse_loss(ours.forward(input), target).backward();
            adam.Step();
            reference.zero_grad();
            nn.functional.mse_loss(theirs.forward(input), target).backward();
            reference.step();
        }

        Assert.True(ours.weight!.allclose(theirs.weight!, rtol: 1e-4, atol: 1e-6));
        Assert.True(ours.bias!.allclose(theirs.bias!, rtol: 1e-4, atol: 1e-6));
    }

    [Fact]
    public async Task Steps_taken_while_the_garbage_collector_runs_flat_out_all_succeed_and_lower_the_loss()
    {
        manual_seed(3);
        using var model = nn.Linear(8, 1);
        using var input = randn(256, 8);
        using var target = input.sum(1, keepdim: true);
        using var adam = new AdamOptimizer(model.parameters(), 0.05);
        using var stop = new CancellationTokenSource();
        // Collections and finalizers racing the native calls are what freed TorchSharp's temporary scalars mid-step: with
        // TorchSharp's Adam this loop failed ("Expected false to be true" from c10::Scalar) in 4 runs of 5 at 40,000 steps.
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        double first = 0, last = 0;
        for (var step = 0; step < 8000; step++)
        {
            using var scope = NewDisposeScope();
            adam.ZeroGrad();
            var loss = nn.functional.mse_loss(model.forward(input), target);
            loss.backward();
            adam.Step();
            last = loss.item<float>();
            if (step == 0) first = last;
        }
        stop.Cancel();
        await collector;

        Assert.True(last < first / 10, $"loss {first} → {last}");
    }
}
