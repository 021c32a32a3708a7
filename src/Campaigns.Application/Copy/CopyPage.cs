using Campaigns.Domain.Copy;

namespace Campaigns.Application.Copy;

/// <summary>One page of the copy library and how many lines there are in all.</summary>
public sealed record CopyPage(int Total, IReadOnlyList<CopyVariant> Items);
