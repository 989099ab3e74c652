using System.Globalization;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>
/// How a back-office list page is sorted and which page of it is shown (<c>?sort=&amp;dir=asc|desc&amp;page=</c>), the one
/// rule the lists share (ADR 0045): the column must be one the page offers, the page a positive number; anything else is
/// a 400 naming the parameter. Lists are sorted and cut on the server, <see cref="PageSize"/> rows a page, and every link
/// keeps the page's filters.
/// </summary>
public sealed record ListQuery(string Sort, bool Descending, int Page)
{
    public const int PageSize = 50;

    /// <summary>Reads the parameters; <paramref name="columns"/> are the sortable columns, the first the default.</summary>
    public static ListQuery Parse(string? sort, string? dir, string? page, IReadOnlyList<string> columns, bool defaultDescending, ValidationErrors errors)
    {
        var column = string.IsNullOrEmpty(sort) ? columns[0] : sort;
        if (!columns.Contains(column, StringComparer.Ordinal)) { errors.Add("sort", $"'sort' must be one of: {string.Join(", ", columns)}."); column = columns[0]; }
        var descending = defaultDescending;
        if (!string.IsNullOrEmpty(dir))
        {
            if (dir is "asc" or "desc") descending = dir == "desc";
            else errors.Add("dir", "'dir' must be asc or desc.");
        }
        var number = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > 100_000))
        {
            errors.Add("page", "'page' must be a page number from 1.");
            number = 1;
        }
        return new ListQuery(column, descending, number);
    }

    /// <summary>Sorts by the chosen column (ties by <paramref name="tieBreak"/>, always ascending so the order is stable) and
    /// cuts out the page; a page past the end shows the last one.</summary>
    public ListPage<T> Apply<T>(IEnumerable<T> rows, IReadOnlyDictionary<string, Func<T, IComparable?>> keys, Func<T, string> tieBreak)
    {
        var key = keys[Sort];
        var sorted = (Descending ? rows.OrderByDescending(key) : rows.OrderBy(key)).ThenBy(tieBreak, StringComparer.Ordinal).ToArray();
        var pages = Math.Max(1, (sorted.Length + PageSize - 1) / PageSize);
        var page = Math.Min(Page, pages);
        return new ListPage<T>(sorted.Skip((page - 1) * PageSize).Take(PageSize).ToArray(), sorted.Length, page, pages);
    }

    /// <summary>The query string of this list with <paramref name="filters"/> (empty ones left out), for links.</summary>
    public string Query(IEnumerable<KeyValuePair<string, string?>> filters, string? sort = null, bool? descending = null, int? page = null)
    {
        var parts = filters.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value!)}").ToList();
        parts.Add($"sort={Uri.EscapeDataString(sort ?? Sort)}");
        parts.Add($"dir={((descending ?? Descending) ? "desc" : "asc")}");
        parts.Add($"page={(page ?? Page).ToString(CultureInfo.InvariantCulture)}");
        return string.Join("&", parts);
    }

    /// <summary>The link of a column header: sorts by it, ascending first, the other way round when it is the sort already.</summary>
    public string SortQuery(IEnumerable<KeyValuePair<string, string?>> filters, string column) =>
        Query(filters, column, column == Sort && !Descending, 1);

    /// <summary><c>ascending</c>/<c>descending</c> for the sorted column's <c>aria-sort</c>, else <c>none</c>.</summary>
    public string AriaSort(string column) => column != Sort ? "none" : Descending ? "descending" : "ascending";
}

/// <summary>One page of a sorted list: its rows, how many rows the whole list has, the page's number and the number of pages.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Rows, int Total, int Page, int Pages);
