using System.Net;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// A browser as far as the login is concerned, over a client that neither follows redirects nor handles cookies: it
/// keeps its cookies itself (so it works against host processes in Production, whose cookies are Secure, and so a test
/// can keep a copy of a login cookie after the browser has signed out), fetches the antiforgery token from a page, and
/// signs in and out through the forms.
/// </summary>
internal sealed partial class LoginBrowser(HttpClient client) : IDisposable
{
    public const string LoginCookie = "PartnerPortal.Login";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Client { get; } = client;

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>The login cookie (all its chunks) as a <c>Cookie</c> header value, or null when signed out.</summary>
    public string? LoginCookieHeader
    {
        get
        {
            var parts = Cookies.Where(c => c.Key.StartsWith(LoginCookie, StringComparison.Ordinal)).Select(c => $"{c.Key}={c.Value}").ToArray();
            return parts.Length == 0 ? null : string.Join("; ", parts);
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, string? cookieHeader = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("Accept", "text/html");
        var cookies = cookieHeader ?? string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}"));
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        var response = await Client.SendAsync(request, Ct);
        if (cookieHeader is null) Remember(response);
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    /// <summary>GETs a page and returns the antiforgery token of its (first) form.</summary>
    public async Task<string> TokenAsync(string page)
    {
        var response = await GetAsync(page);
        await response.EnsureStatus(HttpStatusCode.OK);
        var match = TokenPattern().Match(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(match.Success, $"No antiforgery token on {page}.");
        return match.Groups[1].Value;
    }

    /// <summary>Posts the login form (token from <c>/</c>, fetched first unless given).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null, string? token = null)
    {
        token ??= await TokenAsync("/");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("Email", email), new("Password", password),
        };
        if (returnUrl is not null) fields.Add(new("ReturnUrl", returnUrl));
        return await SendAsync(HttpMethod.Post, "/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>Clicks "Abmelden" on <paramref name="page"/>.</summary>
    public async Task<HttpResponseMessage> SignOutAsync(string page = "/uebersicht")
    {
        var token = await TokenAsync(page);
        var response = await SendAsync(HttpMethod.Post, "/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(LoginCookieHeader); // the browser forgot the cookie; a copy kept by the test is what is checked next
        return response;
    }

    /// <summary>What a copied login cookie gets now: a page and an API call, sent with that cookie only.</summary>
    public async Task<(HttpResponseMessage Page, HttpResponseMessage Api)> ReplayAsync(string loginCookie, string pageUrl, string apiUrl)
    {
        var page = await SendAsync(HttpMethod.Get, pageUrl, cookieHeader: loginCookie);
        var api = await SendAsync(HttpMethod.Get, apiUrl, cookieHeader: loginCookie);
        return (page, api);
    }

    private void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
        foreach (var header in values)
        {
            var pair = header.Split(';')[0].Split('=', 2);
            var deleted = pair[1].Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (deleted) Cookies.Remove(pair[0]);
            else Cookies[pair[0]] = pair[1];
        }
    }

    public void Dispose() => Client.Dispose();

    /// <summary>The row the portal counts an (ASCII) address's failures under: SHA-256 of its upper-case form (ADR 0027).</summary>
    public static string FailureKey(string email) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
