namespace Campaigns.Ml.Copy;

/// <summary>Where a line of copy appears; each has its own control token and length limit.</summary>
public enum CopyChannel { EmailSubject, EmailBody, Push, Banner, ProductText }
