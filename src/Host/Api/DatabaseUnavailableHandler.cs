using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace PartnerPortal.Host.Api;

/// <summary>
/// The database is unreachable (stopped, restarting, failing over, out of connections): the request is answered
/// 503 with <c>Retry-After</c> as problem details, not 500. Nothing was stored, so the client sends the same request
/// again later. Pooled connections that broke are dropped by Npgsql as they are used, so the host recovers by itself
/// once the database answers again.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception)) return false;
        logger.LogWarning("Database unavailable, answering 503: {Reason}", Innermost(exception).Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is not available.",
            Detail = $"Nothing was stored. Send the request again in {RetryAfterSeconds} seconds.",
        };
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
            return true;
        // A browser (Accept: text/html) gets the problem too: every error is problem details.
        problem.Extensions["traceId"] = context.TraceIdentifier;
        await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken);
        return true;
    }

    /// <summary>Anywhere in the chain (Marten, Hangfire and data protection wrap what Npgsql throws): a transient
    /// Npgsql error (connection refused or lost, server shutting down or starting, too many connections, timeout) or a
    /// socket error.</summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or SocketException) return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsDatabaseUnavailable)) return true;
        }
        return false;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null) exception = exception.InnerException;
        return exception;
    }
}
