namespace PartnerPortal.BuildingBlocks.Security;

/// <summary>The authentication schemes: the login cookie for pages, <c>X-Api-Key</c> for tools, and the
/// default that picks one of them per request.</summary>
public static class AuthSchemes
{
    public const string Cookie = "PartnerPortal.Login";
    public const string ApiKey = "ApiKey";
    public const string Default = "PartnerPortal";
}
