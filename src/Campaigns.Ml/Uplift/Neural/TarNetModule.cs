using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Campaigns.Ml.Uplift.Neural;

/// <summary>
/// TARNet (Shalit, Johansson &amp; Sontag 2017): a representation shared by all arms and one outcome head per arm.
/// Forward returns n x arms raw outputs (logits for binary outcomes).
/// </summary>
internal sealed class TarNetModule : Module<Tensor, Tensor>
{
    private readonly Sequential representation;
    private readonly ModuleList<Module<Tensor, Tensor>> heads;

    public TarNetModule(int inputs, int hidden, int arms, double dropout) : base(nameof(TarNetModule))
    {
        representation = Sequential(
            Linear(inputs, hidden), ELU(), Dropout(dropout),
            Linear(hidden, hidden), ELU(), Dropout(dropout));
        var headWidth = Math.Max(1, hidden / 2);
        heads = ModuleList<Module<Tensor, Tensor>>(Enumerable.Range(0, arms)
            .Select(_ => (Module<Tensor, Tensor>)Sequential(Linear(hidden, headWidth), ELU(), Linear(headWidth, 1)))
            .ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var shared = representation.forward(input);
        return cat(heads.Select(head => head.forward(shared)).ToList(), 1).MoveToOuterDisposeScope();
    }
}
