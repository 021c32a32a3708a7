using Campaigns.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Campaigns.Web.Tests.Hosting;

/// <summary>Where the app listens is ASP.NET Core's usual choice: the repository's settings file names no address of its own.</summary>
public class ListeningAddressTests
{
    private static string? UrlsWith(string? aspnetcoreUrls)
    {
        var before = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        // Tests in this assembly run one at a time (AssemblyInfo), so no other host sees the variable.
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", aspnetcoreUrls);
        try
        {
            var builder = WebApplication.CreateBuilder(HostingExtensions.Options([]));
            builder.AddRepositorySettings();
            return builder.Configuration[WebHostDefaults.ServerUrlsKey];
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", before);
        }
    }

    [Fact]
    public void ASPNETCORE_URLS_from_the_environment_decides_where_the_app_listens() =>
        Assert.Equal("http://127.0.0.1:5123", UrlsWith("http://127.0.0.1:5123"));

    [Fact]
    public void Without_an_address_configured_kestrel_takes_its_default_the_readmes_localhost_5000() =>
        Assert.Null(UrlsWith(null));
}
