using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Logins;

internal sealed record CreateUserRequest(string? Email, string? Password, string? DisplayName, [OneOf(typeof(Roles))] string? Role, [ApiOptional] string? PartnerId);

internal sealed record UserCreated(string Id, string Email, string DisplayName, [OneOf(typeof(Roles))] string Role, string? PartnerId);

/// <summary><c>POST /api/v1/users</c>. An issuer can never create a login with more rights than it has.</summary>
internal static class CreateUser
{
    /// <summary>Long enough for any passphrase; a longer one is no stronger, only slower to hash.</summary>
    public const int MaxPasswordLength = 256;

    public static async Task<IResult> Handle(CreateUserRequest? request, Caller caller, UserManager<PortalUser> users,
        IPartnerDirectory partners, Marten.IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request is null) return Problems.Validation("body", "A JSON body is required.");
        if (errors.Text("email", request.Email, LoginEmail.MaxLength))
        {
            if (!MailAddress.TryCreate(request.Email!.Trim(), out _)) errors.Add("email", "'email' is not an e-mail address.");
            // The sign-in refuses ambiguous forms (ADR 0027): a login with such an address could never sign in.
            else if (LoginEmail.Normalise(request.Email) is null)
                errors.Add("email", "'email' must not contain spaces, control or invisible characters, characters that Unicode normalisation (NFKC) changes (such as the Kelvin sign or full-width letters) or letters that upper and lower case do not map back (such as 'ẞ' or a final 'ς').");
        }
        if (string.IsNullOrEmpty(request.Password)) errors.Add("password", "'password' is required.");
        else if (request.Password.Length > MaxPasswordLength) errors.Add("password", $"'password' must be at most {MaxPasswordLength} characters.");
        else if (TextRules.HasControlCharacters(request.Password) || !TextRules.IsStorable(request.Password))
            errors.Add("password", "'password' must not contain control characters.");
        errors.Text("displayName", request.DisplayName, 100);
        if (request.Role is not (Roles.Partner or Roles.BackOffice))
            errors.Add("role", "'role' must be 'partner' or 'back-office'.");
        if (request.Role == Roles.Partner && errors.Identifier("partnerId", request.PartnerId)
            && await partners.FindAsync(request.PartnerId!, ct) is null)
            errors.Add("partnerId", $"Partner '{request.PartnerId}' does not exist.");
        if (request.Role == Roles.BackOffice && request.PartnerId is not null)
            errors.Add("partnerId", "A back-office user is not bound to a partner.");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var granted = request.Role == Roles.BackOffice ? Scopes.All : Scopes.PartnerUser;
        if (granted.Any(s => !caller.HasScope(s)))
            return Problems.Forbidden("You cannot create a login with rights you do not have yourself.");
        if (!caller.CanAccessPartner(request.PartnerId) || (caller.IsPartnerBound && request.Role == Roles.BackOffice))
            return Problems.Forbidden("You may create logins for your own partner only.");

        var user = new PortalUser
        {
            Id = Guid.NewGuid().ToString("N"),
            Email = request.Email!.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            Role = request.Role!,
            PartnerId = request.Role == Roles.Partner ? request.PartnerId : null,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = caller.Actor,
        };
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
                return Problems.Conflict($"A user with e-mail '{user.Email}' exists already.");
            return Problems.Validation(new Dictionary<string, string[]> { ["password"] = result.Errors.Select(e => e.Description).ToArray() });
        }
        // The user store writes in its own session, so the entry follows it (never the password).
        await BuildingBlocks.Audit.AuditLog.RecordAsync(store, caller.Actor, user.CreatedAt, BuildingBlocks.Audit.AuditActions.UserCreated, $"user {user.Id}",
            $"{user.Email}, role {user.Role}{(user.PartnerId is null ? "" : $", partner {user.PartnerId}")}", user.PartnerId, ct);
        return TypedResults.Created((string?)null, new UserCreated(user.Id, user.Email, user.DisplayName, user.Role, user.PartnerId));
    }
}
