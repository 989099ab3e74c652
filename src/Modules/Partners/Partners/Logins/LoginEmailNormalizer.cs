using Microsoft.AspNetCore.Identity;

namespace PartnerPortal.Partners.Logins;

/// <summary>Identity's look-up key for e-mail addresses and user names: <see cref="LoginEmail.Normalise(string?)"/>, the key
/// the sign-in and its rate limit use. An address that rule refuses never gets this far (the sign-in and
/// <c>POST /api/v1/users</c> refuse it first); should one arrive, it gets a key no accepted address
/// can have.</summary>
internal sealed class LoginEmailNormalizer : ILookupNormalizer
{
    public string? NormalizeEmail(string? email) => email is null ? null : LoginEmail.Normalise(email) ?? Fallback(email);

    public string? NormalizeName(string? name) => NormalizeEmail(name);

    /// <summary>Starts with a space, which no accepted key holds, so it can never meet one.</summary>
    private static string Fallback(string value) =>
        " refused:" + (BuildingBlocks.Web.TextRules.IsStorable(value) ? value.Normalize().ToUpperInvariant() : "");
}
