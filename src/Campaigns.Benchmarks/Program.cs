using Campaigns.Benchmarks;

return await BenchApp.RunAsync(args);
