namespace Campaigns.Ml.Customers.Affinity;

/// <summary>A trained <see cref="AffinityModule"/>'s weights as plain arrays: kept and saved without native tensors.</summary>
internal sealed record AffinityWeights(int Products, int Dimensions, float[] Input, float[] Output, float[] Bias, float[] Repeat)
{
    /// <summary>A module holding these weights (the caller disposes it).</summary>
    public AffinityModule Module()
    {
        var module = new AffinityModule(Products, Dimensions);
        module.Load(Input, Output, Bias, Repeat);
        module.eval();
        return module;
    }

    /// <summary>Whether the arrays have the sizes the shape says.</summary>
    public bool IsWellFormed =>
        Products > 0 && Dimensions > 0 && Input.Length == Products * Dimensions && Output.Length == Products * Dimensions && Bias.Length == Products && Repeat.Length == Products;
}
