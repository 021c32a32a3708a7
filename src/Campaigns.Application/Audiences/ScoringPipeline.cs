namespace Campaigns.Application.Audiences;

/// <summary>
/// Two stages on two cores: the database streams the next batch of customers while the model scores the last one.
/// Batches are absorbed one at a time and in order, so whatever the absorber numbers or draws stays deterministic.
/// </summary>
public static class ScoringPipeline
{
    public static async Task RunAsync<T>(IAsyncEnumerable<T> rows, int batchSize, Action<List<T>> absorb, CancellationToken ct)
    {
        var batch = new List<T>(batchSize);
        var scoring = Task.CompletedTask;
        await foreach (var row in rows.WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count < batchSize) continue;
            await scoring;
            var full = batch;
            scoring = Task.Run(() => absorb(full), ct);
            batch = new List<T>(batchSize);
        }
        await scoring;
        if (batch.Count > 0) absorb(batch);
    }
}
