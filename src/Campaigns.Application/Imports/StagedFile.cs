namespace Campaigns.Application.Imports;

/// <summary>A file uploaded to the wizard: stored in the database (an <see cref="Domain.Imports.ImportFile"/>) until its import succeeds.</summary>
public sealed record StagedFile(Guid Id, string FileName, long Bytes);
