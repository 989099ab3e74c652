using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Partners.ApiKeys;

/// <summary>Authenticates <c>X-Api-Key</c>: looks the key up by its hash and turns it into claims. A found key is kept in
/// memory for <see cref="CacheFor"/>, so a busy tool does not cost a database query per request; keys are immutable
/// once issued, so the cache can only be stale for a key deleted in the database, and for at most that long.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IQuerySession session,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public const string SchemeName = AuthSchemes.ApiKey;
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values)) return AuthenticateResult.NoResult();
        var presented = values.ToString();
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200) return AuthenticateResult.Fail("Malformed API key.");

        var hash = ApiKey.HashOf(presented);
        var cacheKey = "api-key:" + hash;
        if (!cache.TryGetValue(cacheKey, out ApiKey? key) || key is null)
        {
            key = await session.Query<ApiKey>().FirstOrDefaultAsync(k => k.Hash == hash, Context.RequestAborted);
            if (key is null) return AuthenticateResult.Fail("Unknown API key.");
            cache.Set(cacheKey, key, CacheFor);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, key.Name),
            new(Caller.ActorClaim, "key:" + key.Id),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(Caller.ScopeClaim, s)));
        if (key.PartnerId is not null) claims.Add(new Claim(Caller.PartnerClaim, key.PartnerId));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Task.CompletedTask;
    }
}
