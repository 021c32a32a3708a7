using System.Net;
using System.Text.RegularExpressions;

namespace Campaigns.Benchmarks;

/// <summary>An HTTP client signed in to a running app, for the benchmarks that measure what the app serves.</summary>
internal static class AppClient
{
    /// <summary>Signs in through the app's own form, as a browser would; the returned client carries the cookie.</summary>
    public static async Task<HttpClient> SignInAsync(string url, string email, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(10) };
        var form = await http.GetStringAsync("account/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await http.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = token, ["returnUrl"] = "",
        }));
        if (response.Headers.Location?.OriginalString.Contains("error") != false) throw new ArgumentException($"Could not sign in as {email} at {url}.");
        return http;
    }
}
