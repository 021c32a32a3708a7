namespace Campaigns.Imports.Files;

/// <summary>A file that was larger than the limit while it was stored, or once decompressed: nothing of it is kept.</summary>
public sealed class UploadTooLargeException(long limit, bool decompressed = false) : Exception(decompressed
    ? $"The upload decompresses to more than the {limit / (1024 * 1024):N0} MB this server accepts (Imports:MaxUploadMegabytes counts the decompressed size too)."
    : $"The upload is larger than the {limit / (1024 * 1024):N0} MB this server accepts (Imports:MaxUploadMegabytes).");
