namespace Campaigns.Domain.Imports;

/// <summary>What a stored import file is: an upload waiting to be (or being) imported, or a run's rejected rows.</summary>
public enum ImportFilePurpose { Upload, RejectedRows }
