namespace PartnerPortal.Partners.Logins;

/// <summary>A portal login. Passwords are hashed by ASP.NET Core Identity's hasher; failed sign-ins are counted per e-mail
/// key in <see cref="LoginFailures"/>, not here. <see cref="SecurityStamp"/> changes whenever the user's sessions must end
/// (<see cref="LoginSessions"/>).</summary>
public sealed class PortalUser
{
    public string Id { get; set; } = "";
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public string? PartnerId { get; set; }
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
