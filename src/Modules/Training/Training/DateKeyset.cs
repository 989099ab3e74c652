using System.Globalization;
using Marten.Linq.MatchesSql;

namespace PartnerPortal.Training;

/// <summary>
/// The keyset of the training lists ordered by a document's <c>date</c> and then its id (ascending): the rows after a
/// cursor (<see cref="ListPaging.AfterDate"/>) in the list's order. The ISO date text orders as the date does. One filter
/// for the coaching bookings (newest date first, and back office's open bookings oldest first) and the sessions.
/// </summary>
internal static class DateKeyset
{
    public static IQueryable<T> After<T>(this IQueryable<T> query, (DateOnly Date, string Id)? after, bool newestFirst = false)
    {
        if (after is not { } c) return query;
        var date = c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sql = newestFirst
            ? "(d.data ->> 'date' < ? or (d.data ->> 'date' = ? and d.id > ?))"
            : "(d.data ->> 'date' > ? or (d.data ->> 'date' = ? and d.id > ?))";
        return query.Where(x => x!.MatchesSql(sql, date, date, c.Id));
    }
}
