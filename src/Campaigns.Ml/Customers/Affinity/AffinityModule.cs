using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Campaigns.Ml.Customers.Affinity;

/// <summary>
/// A factored item-to-item model in the manner of FISM (Kabbur, Ning &amp; Karypis 2013): a customer is the mean of the
/// input embeddings of what they bought, scored against every product's output embedding, plus the product's popularity
/// (_bias) and its own repeat weight (a product bought before may well be bought again). Input: n × products purchase
/// shares (rows sum to 1); output: n × products logits of the next purchase.
/// </summary>
internal sealed class AffinityModule : Module<Tensor, Tensor>
{
    private readonly Parameter _input;
    private readonly Parameter _output;
    private readonly Parameter _bias;
    private readonly Parameter _repeat;

    // Tensor + tensor hands LibTorch a temporary alpha of 1 that a garbage collection can free during the call (decision
    // 0064); seen in CI as "Expected false to be true" from c10::Scalar. This one lives as long as the process.
    private static readonly Scalar One = 1.0.ToScalar();

    public AffinityModule(int products, int dimensions) : base(nameof(AffinityModule))
    {
        _input = new Parameter(randn(products, dimensions).mul_(0.1));
        _output = new Parameter(randn(products, dimensions).mul_(0.1));
        _bias = new Parameter(zeros(products));
        _repeat = new Parameter(zeros(products));
        RegisterComponents();
    }

    public override Tensor forward(Tensor shares)
    {
        using var scope = NewDisposeScope();
        return shares.matmul(_input).matmul(_output.t()).add(_bias, One).add(shares.mul(_repeat), One).MoveToOuterDisposeScope();
    }

    /// <summary>The weights as flat arrays: input and output embeddings (row-major, products × dimensions), bias, repeat.</summary>
    public (float[] Input, float[] Output, float[] Bias, float[] Repeat) Weights() =>
        (_input.data<float>().ToArray(), _output.data<float>().ToArray(), _bias.data<float>().ToArray(), _repeat.data<float>().ToArray());

    /// <summary>Sets the weights read back from <see cref="Weights"/>.</summary>
    public void Load(float[] inputWeights, float[] outputWeights, float[] biasWeights, float[] repeatWeights)
    {
        using var noGrad = no_grad();
        _input.copy_(tensor(inputWeights, _input.shape));
        _output.copy_(tensor(outputWeights, _output.shape));
        _bias.copy_(tensor(biasWeights));
        _repeat.copy_(tensor(repeatWeights));
    }
}
