namespace Campaigns.Web.Features.Jobs;

/// <summary>The kinds of job the features registered, with their titles; exclusive kinds run one at a time.</summary>
public sealed class JobCatalog
{
    private const string DefaultCancelConsequence = "The run stops at its next step and is marked cancelled.";
    private readonly Dictionary<string, (string Title, bool Exclusive, string? CancelConsequence)> _kinds = new(StringComparer.Ordinal);

    /// <param name="cancelConsequence">What a cancel keeps, said before the user confirms it; null: the run stops and keeps nothing.</param>
    public void Add(string kind, string title, bool exclusive, string? cancelConsequence = null) => _kinds[kind] = (title, exclusive, cancelConsequence);
    public bool Contains(string kind) => _kinds.ContainsKey(kind);
    public bool IsExclusive(string kind) => _kinds.TryGetValue(kind, out var k) && k.Exclusive;
    public string Title(string kind) => _kinds.TryGetValue(kind, out var k) ? k.Title : kind;
    public string CancelConsequence(string kind) => _kinds.TryGetValue(kind, out var k) ? k.CancelConsequence ?? DefaultCancelConsequence : DefaultCancelConsequence;
    public IEnumerable<(string Kind, string Title)> All => _kinds.Select(k => (k.Key, k.Value.Title));
}
