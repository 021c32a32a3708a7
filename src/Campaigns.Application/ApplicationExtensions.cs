using Campaigns.Application.Audiences;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common.Formatting;
using Campaigns.Application.ContactRules;
using Campaigns.Application.Copy;
using Campaigns.Application.Customers;
using Campaigns.Application.Dashboard;
using Campaigns.Application.Experiments;
using Campaigns.Application.Models;
using Campaigns.Application.Offers;
using Campaigns.Application.Programme;
using Campaigns.Application.Targeting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Application;

public static class ApplicationExtensions
{
    /// <summary>Registers training-set building, model loading, training, and each feature's use cases.</summary>
    public static IHostApplicationBuilder AddCampaignsApplication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TargetingOptions>().BindConfiguration(TargetingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AttributeFeatureOptions>().BindConfiguration(TargetingOptions.Section + ":Attributes").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<TrainingSetBuilder>();
        builder.Services.AddModels();
        builder.Services.AddAudiences().AddCampaigns().AddCopy().AddOffers();
        builder.Services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MoneyFormat>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddExperiments();
        builder.Services.AddDashboard();
        builder.Services.AddProgramme();
        builder.Services.AddOptions<CustomerInsightsOptions>().BindConfiguration(CustomerInsightsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCustomers();
        builder.Services.AddContactRules();
        return builder;
    }
}
