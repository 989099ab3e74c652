namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>
/// The one list rule (API.md "Conventions", ADR 0040): every list answers <c>{ items, next }</c> and is paged with
/// <c>after</c> (the <c>next</c> of the page before, a <see cref="TimeIdCursor"/>) and <c>limit</c>. One place for the two
/// parameters' checks and messages, so a list cannot silently cap or accept a cursor it did not give out.
/// </summary>
public static class ListPaging
{
    public const string AfterMessage = "'after' is not a cursor this API gave out.";

    /// <summary>Checks <c>limit</c> (1 to <paramref name="max"/>) and answers it or <paramref name="fallback"/>.</summary>
    public static int Limit(this ValidationErrors errors, int? limit, int fallback, int max)
    {
        if (limit is < 1 || limit > max) errors.Add("limit", $"'limit' must be an integer from 1 to {max}.");
        return limit ?? fallback;
    }

    /// <summary>Decodes <c>after</c> when given; a cursor this API did not give out is a 400 on <c>after</c>.</summary>
    public static (DateTimeOffset At, string Id)? After(this ValidationErrors errors, string? after)
    {
        if (after is null) return null;
        if (TimeIdCursor.TryDecode(after, out var cursor)) return cursor;
        errors.Add("after", AfterMessage);
        return null;
    }

    /// <summary>Decodes <c>after</c> of a list ordered by a date (not an instant) and an id: the instant must be that
    /// date's midnight in UTC, as <see cref="Next{T}(IReadOnlyList{T}, int, Func{T, DateOnly}, Func{T, string})"/> writes it.</summary>
    public static (DateOnly Date, string Id)? AfterDate(this ValidationErrors errors, string? after)
    {
        if (after is null) return null;
        if (TimeIdCursor.TryDecode(after, out var cursor) && cursor.At.TimeOfDay == TimeSpan.Zero)
            return (DateOnly.FromDateTime(cursor.At.UtcDateTime), cursor.Id);
        errors.Add("after", AfterMessage);
        return null;
    }

    /// <summary>The <c>next</c> of a page read with <c>limit + 1</c> rows: the cursor of its last item, or null when no row follows.</summary>
    public static string? Next<T>(IReadOnlyList<T> rows, int limit, Func<T, DateTimeOffset> at, Func<T, string> id) =>
        rows.Count > limit ? TimeIdCursor.Encode(at(rows[limit - 1]), id(rows[limit - 1])) : null;

    /// <summary><see cref="Next{T}(IReadOnlyList{T}, int, Func{T, DateTimeOffset}, Func{T, string})"/> for lists ordered by a date.</summary>
    public static string? Next<T>(IReadOnlyList<T> rows, int limit, Func<T, DateOnly> date, Func<T, string> id) =>
        Next(rows, limit, r => new DateTimeOffset(date(r).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), id);
}
