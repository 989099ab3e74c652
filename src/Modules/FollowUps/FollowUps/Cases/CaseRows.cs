using System.Globalization;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.FollowUps.Cases;

/// <summary>
/// Where a case lives (ADR 0049). A detractor response is its own case, open, until the case is first moved: ingestion
/// writes nothing per detractor, and FollowUps reads these "unworked" cases from Surveys' <see cref="DetractorResponses.View"/>.
/// The first move (start, close, an exclusion's close) writes the <see cref="FollowUpCase"/> document under the response's
/// id, which from then on alone speaks for the case: an unworked case is a detractor without a document. Every read
/// here gives <see cref="FollowUpCase"/>s either way.
/// </summary>
internal static class CaseRows
{
    /// <summary>An unworked case as the JSON of a <see cref="FollowUpCase"/> (Marten's serializer reads it) from the view's
    /// row <c>d</c>; its due time follows from the store time (<see cref="Complete"/>).</summary>
    public const string UnworkedJson =
        "jsonb_build_object('id', d.id, 'responseId', d.id, 'partnerId', d.partner_id, 'shopId', d.shop_id, 'quarter', d.quarter, "
        + "'score', d.touchpoint, 'comment', d.comment, 'respondedAt', d.responded_at, 'openedAt', d.received_at, 'status', 'open')";

    /// <summary>The unworked cases, as the detractors' rows <c>d</c> (<see cref="DetractorCopy.Rows"/>: the copy, then the
    /// view's newest) without a document; add conditions with <c>and</c>. For counts; reads of the first few in order use
    /// <see cref="UnworkedHalves"/>.</summary>
    public static string Unworked(IDocumentStore store) =>
        $"{DetractorCopy.Rows} d where {WithoutDocument(store)}";

    /// <summary>The unworked cases of each half of <see cref="DetractorCopy.Halves"/>, as rows <c>d</c>; add conditions with
    /// <c>and</c> (the same to both, in one statement).</summary>
    public static IEnumerable<string> UnworkedHalves(IDocumentStore store) =>
        DetractorCopy.Halves.Select(half => $"{half} and {WithoutDocument(store)}");

    private static string WithoutDocument(IDocumentStore store) =>
        $"not exists (select 1 from {MartenTables.Of<FollowUpCase>(store)} c where c.id = d.id)";

    /// <summary>The unworked case of one id: the view's row by the responses' primary key, copied or not.</summary>
    private static string UnworkedOne(IDocumentStore store) =>
        $"{DetractorResponses.View} d where {WithoutDocument(store)} and d.id = ?";

    /// <summary>The unworked cases <see cref="UnworkedHalves"/> give, each half narrowed by <paramref name="conditions"/>
    /// (each starting with <c>and</c>; an <c>order by</c> and <c>limit</c> may follow, and then apply to each half), read
    /// through <see cref="UnworkedJson"/>, <see cref="Complete"/>d and in <see cref="Compare"/> order.</summary>
    public static async Task<IReadOnlyList<FollowUpCase>> QueryUnworkedAsync(IQuerySession session, string conditions, CancellationToken ct,
        params object[] parameters)
    {
        var halves = string.Join(" union all ", UnworkedHalves(session.DocumentStore).Select(half => $"(select {UnworkedJson} as c from {half} {conditions})"));
        var sql = $"select u.c from ({halves}) u";
        var rows = (await session.QueryAsync<FollowUpCase>(sql, ct, [.. parameters, .. parameters])).ToList();
        foreach (var row in rows) Complete(row);
        rows.Sort(Compare);
        return rows;
    }

    /// <summary>An unworked case read through <see cref="UnworkedJson"/>, with its due time.</summary>
    public static FollowUpCase Complete(FollowUpCase unworked)
    {
        unworked.DueAt = DueDates.DueAt(unworked.OpenedAt);
        return unworked;
    }

    /// <summary>The case of <paramref name="caseId"/>: its document, else its unworked detractor, else null. One statement,
    /// so one snapshot: a first move that commits meanwhile is seen whole or not at all (the detractor stops being unworked
    /// in the same commit that writes the document).</summary>
    public static async Task<FollowUpCase?> FindAsync(IQuerySession session, string caseId, CancellationToken ct)
    {
        var store = session.DocumentStore;
        var rows = await session.QueryAsync<FollowUpCase>(
            $"select c.data from {MartenTables.Of<FollowUpCase>(store)} c where c.id = ? union all select {UnworkedJson} from {UnworkedOne(store)}",
            ct, caseId, caseId);
        if (rows.Count == 0) return null;
        // A document carries its due time; the unworked detractor's follows from its store time.
        return rows[0].DueAt == default ? Complete(rows[0]) : rows[0];
    }

    /// <summary>The lists' order, oldest due first: due time, then store time, then id. For unworked cases (due time
    /// following the store time) it is the store-time order of the view's index, so neither source is sorted.</summary>
    public static int Compare(FollowUpCase a, FollowUpCase b)
    {
        var byDue = a.DueAt.UtcTicks.CompareTo(b.DueAt.UtcTicks);
        if (byDue != 0) return byDue;
        var byOpened = a.OpenedAt.UtcTicks.CompareTo(b.OpenedAt.UtcTicks);
        return byOpened != 0 ? byOpened : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>The first <paramref name="limit"/> + 1 of two lists each in <see cref="Compare"/> order.</summary>
    public static List<FollowUpCase> Merge(IReadOnlyList<FollowUpCase> worked, IReadOnlyList<FollowUpCase> unworked, int limit)
    {
        var merged = new List<FollowUpCase>(Math.Min(worked.Count + unworked.Count, limit + 1));
        int i = 0, j = 0;
        while (merged.Count <= limit && (i < worked.Count || j < unworked.Count))
            merged.Add(j >= unworked.Count || (i < worked.Count && Compare(worked[i], unworked[j]) <= 0) ? worked[i++] : unworked[j++]);
        return merged;
    }
}

/// <summary>The lists' cursor: the last case's due time, store time and id (<see cref="CaseRows.Compare"/>), opaque.</summary>
internal static class CaseCursor
{
    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Encode(FollowUpCase c) =>
        TimeIdCursor.Encode(c.DueAt, $"{c.OpenedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{c.Id}");

    public static bool TryDecode(string text, out (DateTimeOffset Due, DateTimeOffset Opened, string Id) cursor)
    {
        cursor = default;
        if (!TimeIdCursor.TryDecode(text, out var c)) return false;
        var bar = c.Id.IndexOf('|', StringComparison.Ordinal);
        if (bar < 1 || bar == c.Id.Length - 1
            || !long.TryParse(c.Id.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > Latest.UtcTicks) return false;
        var opened = new DateTimeOffset(ticks, TimeSpan.Zero);
        // Only times this API can have given out: the due day's neighbours are computed from it.
        if (c.At < Earliest || c.At > Latest || opened < Earliest) return false;
        cursor = (c.At, opened, c.Id[(bar + 1)..]);
        return true;
    }
}
