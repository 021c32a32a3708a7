namespace Campaigns.Ml;

/// <summary>What every model file's manifest.json says first: which model format it holds, and which version of it.</summary>
public interface IModelManifest
{
    string Format { get; }
    int Version { get; }
}
