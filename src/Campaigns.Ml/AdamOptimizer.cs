using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Campaigns.Ml;

/// <summary>
/// Adam with L2 weight decay, the update of <c>torch.optim.Adam</c>. TorchSharp's own Adam hands temporary
/// <see cref="Scalar"/>s to native calls; a temporary is unreachable once its handle is read, so a garbage collection
/// during the call can finalize it and LibTorch reads a freed scalar ("Unknown scalar type", intermittent, seen in CI
/// when several trainings share a process). This one holds every scalar of a step until the step ends, and calls only
/// overloads that pass the scalars they are given straight to LibTorch.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _mean;
    private readonly Tensor[] _square;
    private readonly double _learningRate;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly double _weightDecay;
    private long _steps;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay = 0,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _parameters = parameters.ToArray();
        (_learningRate, _weightDecay, _beta1, _beta2, _epsilon) = (learningRate, weightDecay, beta1, beta2, epsilon);
        using (no_grad())
        {
            _mean = Array.ConvertAll(_parameters, p => zeros_like(p).DetachFromDisposeScope());
            _square = Array.ConvertAll(_parameters, p => zeros_like(p).DetachFromDisposeScope());
        }
    }

    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var p in _parameters) p.grad?.zero_();
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        _steps++;
        var correction2 = 1 - Math.Pow(_beta2, _steps);
        using var noGrad = no_grad();
        using var beta1 = _beta1.ToScalar();
        using var rest1 = (1 - _beta1).ToScalar();
        using var beta2 = _beta2.ToScalar();
        using var rest2 = (1 - _beta2).ToScalar();
        using var decay = _weightDecay.ToScalar();
        using var root2 = Math.Sqrt(correction2).ToScalar();
        using var epsilon = _epsilon.ToScalar();
        using var one = 1.0.ToScalar(); // add_(scalar) would make its own temporary alpha of 1

        using var stepSize = (-_learningRate / (1 - Math.Pow(_beta1, _steps))).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            using var scope = NewDisposeScope();
            var grad = _parameters[i].grad;
            if (grad is null) continue;
            if (_weightDecay != 0) grad = grad.add(_parameters[i], decay);
            _mean[i].mul_(beta1).add_(grad, rest1);
            _square[i].mul_(beta2).addcmul_(grad, grad, rest2);
            var denominator = _square[i].sqrt().div_(root2).add_(epsilon, one);
            _parameters[i].addcdiv_(_mean[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var t in _mean) t.Dispose();
        foreach (var t in _square) t.Dispose();
    }
}
