namespace Campaigns.Domain.Copy;

public enum CopySource { Historical, Generated, Edited, Written }
