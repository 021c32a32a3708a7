using Campaigns.Application.Models;
using Campaigns.Domain.Models;

namespace Campaigns.Web.Features.Models;

/// <summary>
/// Loads the current copy generator and ranker into this instance's <see cref="ModelStore"/> cache after start-up, so
/// the first "Suggest copy" pays for generating, not for verifying and loading the artifacts (a second or more).
/// </summary>
internal sealed class CopyModelWarmUp(IServiceProvider services, ILogger<CopyModelWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await using var scope = services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<ModelStore>();
            if (await store.CurrentAsync(ModelKind.CopyGenerator, ct) is { } generator) await store.LoadCopyGeneratorAsync(generator.Id, ct);
            if (await store.CurrentAsync(ModelKind.CtrRanker, ct) is { } ranker) await store.LoadCtrRankerAsync(ranker.Id, ct);
        }
        catch (Exception ex)
        {
            // Warming up is only a head start: a corrupt artifact or an unmigrated database is reported where it is used.
            log.LogWarning("Copy models were not preloaded: {Reason}", ex.Message);
        }
    }
}
