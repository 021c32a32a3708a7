namespace Campaigns.Web.Features.Jobs;

/// <summary>The kinds of job the app knows, with their titles; exclusive kinds run one at a time.</summary>
public sealed class JobCatalog
{
    private readonly Dictionary<string, (string Title, bool Exclusive)> _kinds = new(StringComparer.Ordinal);

    public void Add(string kind, string title, bool exclusive) => _kinds[kind] = (title, exclusive);
    public bool Contains(string kind) => _kinds.ContainsKey(kind);
    public bool IsExclusive(string kind) => _kinds.TryGetValue(kind, out var k) && k.Exclusive;
    public string Title(string kind) => _kinds.TryGetValue(kind, out var k) ? k.Title : kind;
    public IEnumerable<(string Kind, string Title)> All => _kinds.Select(k => (k.Key, k.Value.Title));
}
