namespace Campaigns.Domain.Copy;

/// <summary>Where a copy line came from; <see cref="Imported"/> is a store's own past copy brought in by the copy import.</summary>
public enum CopySource { Historical, Generated, Edited, Written, Imported }
