using TorchSharp;

namespace Campaigns.Ml;

/// <summary>Loads LibTorch once per process and turns a load failure into a message an operator can act on.</summary>
public static class TorchRuntime
{
    private static readonly Lazy<string?> LoadError = new(() =>
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            // Training shares the machine with the web UI: keep LibTorch to a bounded number of threads.
            torch.set_num_threads(Math.Max(1, Environment.ProcessorCount - 1));
            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or NotSupportedException or TypeInitializationException)
        {
            return $"TorchSharp's native library could not be loaded ({ex.Message}). On Debian 12 the build patches it; " +
                   "make sure patchelf and g++ were installed when the app was built (see README).";
        }
    });

    /// <summary>Throws with a clear message when LibTorch cannot run on this host.</summary>
    public static void EnsureLoaded()
    {
        if (LoadError.Value is { } error) throw new InvalidOperationException(error);
    }
}
