using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Campaigns.Ml.Copy;

/// <summary>
/// A word-piece language model: embedding, a GRU (Cho et al. 2014) and a projection to the vocabulary.
/// Forward takes batch x time token ids and returns batch x time x vocabulary logits.
/// </summary>
internal sealed class CopyGruModule : Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly GRU gru;
    private readonly Dropout dropout;
    private readonly Linear output;

    public CopyGruModule(int vocabulary, int embeddingSize, int hidden, int layers, double dropoutRate) : base(nameof(CopyGruModule))
    {
        embedding = Embedding(vocabulary, embeddingSize);
        gru = GRU(embeddingSize, hidden, numLayers: layers, batchFirst: true, dropout: layers > 1 ? dropoutRate : 0);
        dropout = Dropout(dropoutRate);
        output = Linear(hidden, vocabulary);
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens) => Step(tokens, null).Logits;

    /// <summary>Runs the tokens from the given hidden state (null: zeros) and returns the logits and the new state.</summary>
    public (Tensor Logits, Tensor Hidden) Step(Tensor tokens, Tensor? hidden)
    {
        using var scope = NewDisposeScope();
        var (states, last) = gru.forward(dropout.forward(embedding.forward(tokens)), hidden);
        var logits = output.forward(dropout.forward(states));
        return (logits.MoveToOuterDisposeScope(), last.MoveToOuterDisposeScope());
    }
}
