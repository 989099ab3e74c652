namespace PartnerPortal.Partners.Contracts;

/// <summary>The demo logins Partners seeds on the embedded development database: the host prints them at start-up, and the
/// tests sign in with them.</summary>
public static class DemoLogins
{
    public const string PartnerEmail = "partner@demo.partnerportal.test";
    public const string PartnerPassword = "Partner-Demo-2023";
    public const string BackOfficeEmail = "backoffice@demo.partnerportal.test";
    public const string BackOfficePassword = "Backoffice-Demo-2023";
}
