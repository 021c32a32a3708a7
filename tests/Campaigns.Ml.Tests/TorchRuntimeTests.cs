using TorchSharp;
using static TorchSharp.torch;

namespace Campaigns.Ml.Tests;

/// <summary>LibTorch loads on this host (the build patches it where libstdc++ is too old) and can train.</summary>
public class TorchRuntimeTests
{
    public TorchRuntimeTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void A_tensor_can_be_created_and_reduced()
    {
        using var x = torch.ones(2, 3);
        Assert.Equal(12f, (x * 2).sum().item<float>());
    }

    [Fact]
    public void One_optimizer_step_lowers_the_loss_and_moves_the_weights()
    {
        torch.manual_seed(42);
        using var model = nn.Linear(3, 1);
        using var input = torch.randn(16, 3);
        using var target = input.matmul(torch.tensor(new[] { 1f, -2f, 0.5f }).reshape(3, 1)) + 0.3f;
        var lossFn = nn.MSELoss();
        var optimizer = optim.SGD(model.parameters(), learningRate: 0.1);
        using var before = model.weight!.detach().clone();

        optimizer.zero_grad();
        var loss = lossFn.forward(model.forward(input), target);
        var lossBefore = loss.item<float>();
        loss.backward();
        optimizer.step();

        using (torch.no_grad())
        {
            var lossAfter = lossFn.forward(model.forward(input), target).item<float>();
            Assert.True(lossAfter < lossBefore, $"loss did not decrease: {lossBefore} -> {lossAfter}");
        }
        Assert.False(before.allclose(model.weight!.detach()), "weights did not change");
    }
}
