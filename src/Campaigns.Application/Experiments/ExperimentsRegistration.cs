using Campaigns.Application.Common.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Experiments;

public static class ExperimentsRegistration
{
    /// <summary>Registers results, decisions, the launch plan's power calculator and the targeting check.</summary>
    public static IServiceCollection AddExperiments(this IServiceCollection services) => services
        .AddSingleton<RollupCatchUp>()
        .AddSingleton(typeof(StampedCacheMap<,>))
        .AddScoped<ExperimentStatistics>()
        .AddScoped<ExperimentResults>()
        .AddScoped<ExperimentDecisions>()
        .AddScoped<ExperimentDesign>()
        .AddScoped<TargetingCheck>()
        .AddScoped<CopyBandit>()
        .AddScoped<ExperimentInteractions>();
}
