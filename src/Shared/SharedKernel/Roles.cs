namespace PartnerPortal.SharedKernel;

public static class Roles
{
    public const string Partner = "partner";
    public const string BackOffice = "back-office";
}
