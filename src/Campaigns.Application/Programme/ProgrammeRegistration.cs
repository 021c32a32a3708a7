using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application.Programme;

public static class ProgrammeRegistration
{
    /// <summary>Registers the global holdout's setting and the programme's measurement.</summary>
    public static IServiceCollection AddProgramme(this IServiceCollection services) => services.AddScoped<HoldoutAdmin>().AddScoped<ProgrammeResults>();
}
