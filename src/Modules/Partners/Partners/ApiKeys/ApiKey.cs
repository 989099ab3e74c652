using System.Security.Cryptography;
using System.Text;

namespace PartnerPortal.Partners.ApiKeys;

/// <summary>An API key. Only the SHA-256 of the key is stored; the key itself is shown once.</summary>
public sealed class ApiKey
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public string? PartnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>Keys are 256-bit random values, so a fast hash is enough (no password stretching needed).</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string NewSecret() => "ppk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
