using System.Globalization;

namespace PartnerPortal.SharedKernel;

/// <summary>How a date, timestamp, quarter or year sent from outside parsed: the message differs (a typo or a date
/// the portal does not take), the answer does not (a field error).</summary>
public enum DateCheck
{
    Valid,
    Malformed,
    OutOfRange,
}

/// <summary>
/// The one range of dates the portal accepts from outside: 2000-01-01 to 2100-12-31, Europe/Berlin time. Every parser
/// of request dates (<see cref="Timestamps"/>, <see cref="Quarter"/>, <see cref="CheckDate"/>, <see cref="CheckYear"/>)
/// refuses anything outside, so a record dated 0001 or 9999 is a field error instead of a quarter that cannot be built,
/// a year the programme has never heard of, or an instant Berlin time cannot express (ADR 0030).
/// </summary>
public static class SupportedDates
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>The range in words, for messages: "'respondedAt' must be from … to …".</summary>
    public const string Range = "from 2000-01-01 to 2100-12-31 (Europe/Berlin time)";

    public const string QuarterRange = "from 2000-Q1 to 2100-Q4";

    public const string YearExpected = "a year from 2000 to 2100, e.g. 2023";

    public static DateOnly First { get; } = new(FirstYear, 1, 1);

    public static DateOnly Last { get; } = new(LastYear, 12, 31);

    /// <summary>The first instant: Berlin midnight starting 2000-01-01 (1999-12-31T23:00:00Z).</summary>
    public static DateTimeOffset Start { get; } = BerlinTime.StartOfDay(First);

    /// <summary>The first instant after the range: Berlin midnight starting 2101-01-01 (2100-12-31T23:00:00Z).</summary>
    public static DateTimeOffset End { get; } = BerlinTime.StartOfDay(Last.AddDays(1));

    public static bool Contains(int year) => year is >= FirstYear and <= LastYear;

    public static bool Contains(DateOnly date) => date >= First && date <= Last;

    public static bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>A calendar date written <c>YYYY-MM-DD</c>, within the range.</summary>
    public static DateCheck CheckDate(string? text, out DateOnly date)
    {
        date = default;
        if (text is not { Length: 10 } || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return DateCheck.Malformed;
        if (!Contains(parsed)) return DateCheck.OutOfRange;
        date = parsed;
        return DateCheck.Valid;
    }

    /// <summary>A year written with four digits, within the range.</summary>
    public static DateCheck CheckYear(string? text, out int year)
    {
        year = 0;
        if (text is not { Length: 4 } || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return DateCheck.Malformed;
        if (!Contains(parsed)) return DateCheck.OutOfRange;
        year = parsed;
        return DateCheck.Valid;
    }

    /// <summary>True when text starts with four digits that name a year outside the range (a well-formed date that
    /// <see cref="DateTimeOffset"/> cannot even hold, such as 0001-01-01T00:00+01:00, is out of range, not a typo).</summary>
    internal static bool StartsWithYearOutside(string text) =>
        text.Length >= 4 && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && !Contains(year);
}
