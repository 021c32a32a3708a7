using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Models;

public static class ModelsRegistration
{
    /// <summary>Model loading, the registry's use cases, monitoring, and each registered kind's trainer and monitor (keyed by its kind).</summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.AddScoped<ModelStore>();
        services.AddScoped<ModelVersionWriter>();
        services.AddScoped<ModelOperations>();
        services.AddScoped<ModelRegistryReader>();
        services.AddScoped<ScheduleAdmin>();
        services.AddScoped<ModelMonitoring>();
        foreach (var kind in ModelKinds.All)
        {
            services.AddScoped(kind.Trainer);
            services.AddKeyedScoped(typeof(IModelTrainer), kind.Kind, (s, _) => s.GetRequiredService(kind.Trainer));
            if (kind.Monitor is not { } monitor) continue;
            services.AddScoped(monitor);
            services.AddKeyedScoped(typeof(IModelMonitor), kind.Kind, (s, _) => s.GetRequiredService(monitor));
        }
        return services;
    }
}
