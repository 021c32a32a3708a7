namespace Campaigns.Ml.Copy;

/// <summary>The catalogue's names, which the corpus is de-lexicalized with.</summary>
public sealed record CopyLexicon(IReadOnlyList<string> Products, IReadOnlyList<string> Categories, IReadOnlyList<string> FirstNames);
