using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Targeting;

public static class TargetingExtensions
{
    /// <summary>Registers training-set building, model loading, training and audience building.</summary>
    public static IHostApplicationBuilder AddCampaignsTargeting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TargetingOptions>().BindConfiguration(TargetingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AttributeFeatureOptions>().BindConfiguration(TargetingOptions.Section + ":Attributes").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<TrainingSetBuilder>();
        builder.Services.AddScoped<ModelStore>();
        builder.Services.AddScoped<UpliftTrainingService>();
        builder.Services.AddScoped<Copy.CopyTrainingService>();
        builder.Services.AddScoped<AudienceBuilder>();
        return builder;
    }
}
