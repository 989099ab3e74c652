using Microsoft.AspNetCore.Http;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>How a use case ended.</summary>
public enum OutcomeKind { Done, Created, Invalid, Forbidden, NotFound, Conflict }

/// <summary>
/// What a use case answers, whichever adapter called it (Training, Incentives): the API endpoint maps it to an HTTP
/// result (<see cref="ToHttp{TView}"/>), a page to its own message or view. Nothing is stored unless the outcome is
/// <see cref="OutcomeKind.Done"/> or <see cref="OutcomeKind.Created"/>.
/// </summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value = default, IDictionary<string, string[]>? Errors = null, string? Message = null)
{
    public bool Succeeded => Kind is OutcomeKind.Done or OutcomeKind.Created;

    public static Outcome<T> Done(T value) => new(OutcomeKind.Done, value);

    public static Outcome<T> Created(T value) => new(OutcomeKind.Created, value);

    public static Outcome<T> Invalid(IDictionary<string, string[]> errors) => new(OutcomeKind.Invalid, Errors: errors);

    public static Outcome<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Outcome<T> Forbidden(string message) => new(OutcomeKind.Forbidden, Message: message);

    public static Outcome<T> PartnerForbidden(string partnerId) =>
        new(OutcomeKind.Forbidden, Message: Problems.PartnerForbidden(partnerId).ProblemDetails.Detail);

    public static Outcome<T> NotFound(string message) => new(OutcomeKind.NotFound, Message: message);

    public static Outcome<T> Conflict(string message) => new(OutcomeKind.Conflict, Message: message);

    /// <summary>The API adapter: 200 or 201 (at <paramref name="location"/>) with the view, or the problem of API.md.</summary>
    public IResult ToHttp<TView>(Func<T, TView> view, Func<T, string>? location = null) => Kind switch
    {
        OutcomeKind.Done => TypedResults.Ok(view(Value!)),
        OutcomeKind.Created => TypedResults.Created(location?.Invoke(Value!), view(Value!)),
        OutcomeKind.Invalid => Problems.Validation(Errors!),
        OutcomeKind.Forbidden => Problems.Forbidden(Message!),
        OutcomeKind.NotFound => Problems.NotFound(Message!),
        _ => Problems.Conflict(Message!),
    };
}
