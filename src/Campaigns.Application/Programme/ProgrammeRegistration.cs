using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Programme;

public static class ProgrammeRegistration
{
    /// <summary>Registers the global holdout's setting, the programme's measurement and the dashboard's cached copy of it.</summary>
    public static IServiceCollection AddProgramme(this IServiceCollection services) =>
        services.AddScoped<HoldoutAdmin>().AddScoped<ProgrammeResults>().AddSingleton<ProgrammeSummary>();
}
