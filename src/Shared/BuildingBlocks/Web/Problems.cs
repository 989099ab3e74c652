using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>RFC 9457 problem details for the answers API.md names.</summary>
public static class Problems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.");

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: what);

    public static ProblemHttpResult Forbidden(string why) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: why);

    public static ProblemHttpResult PartnerForbidden(string partnerId) =>
        Forbidden($"You may not access partner '{partnerId}'.");

    public static ProblemHttpResult Conflict(string why) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: why);

    /// <summary>409 with extension members that name what stands in the way (e.g. <c>openAppeals: [ids]</c>).</summary>
    public static ProblemHttpResult Conflict(string why, IDictionary<string, object?> extensions) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: why, extensions: extensions);
}
