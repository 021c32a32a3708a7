namespace Campaigns.Application.Copy;

/// <summary>One bar the suggestions must clear (issue 16's bars), the figure measured and whether it clears it.</summary>
public sealed record CopyBar(string Name, string Figure, bool Passed);
