using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PartnerPortal.SharedKernel;

/// <summary>A calendar quarter such as <c>2023-Q2</c>. Records belong to the quarter of their
/// timestamp converted to Europe/Berlin local time (DOMAIN.md, "Quarters and time").</summary>
public readonly record struct Quarter : IComparable<Quarter>
{
    /// <summary>Any year Berlin time can express (the neighbours of the supported range, such as 1999-Q4 in the trend
    /// of 2000-Q1, are quarters too); what comes from outside is checked by <see cref="TryParse"/>.</summary>
    public Quarter(int year, int number)
    {
        if (year is < 1900 or > 9999) throw new ArgumentOutOfRangeException(nameof(year));
        if (number is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(number));
        Year = year;
        Number = number;
    }

    public int Year { get; }
    public int Number { get; }

    /// <summary>First instant of the quarter (Berlin midnight on its first day), as an offset timestamp.</summary>
    public DateTimeOffset Start => BerlinTime.StartOfDay(new DateOnly(Year, (Number - 1) * 3 + 1, 1));

    /// <summary>First instant after the quarter.</summary>
    public DateTimeOffset End => Next().Start;

    public Quarter Next() => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);

    public Quarter Previous() => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public static Quarter Of(DateTimeOffset instant)
    {
        // Within the named years: the quarter whose first instant is the last one not after this (a search of the starts
        // in UTC, made once); ingestion asks this of every response, and a time-zone conversion was the dearer part.
        var ticks = instant.UtcTicks;
        if (ticks >= StartTicks[0] && ticks < StartTicks[^1])
        {
            var i = Array.BinarySearch(StartTicks, ticks);
            if (i < 0) i = ~i - 1;
            return new Quarter(FirstNamed + i / 4, i % 4 + 1);
        }
        var local = BerlinTime.ToLocal(instant);
        return new Quarter(local.Year, (local.Month - 1) / 3 + 1);
    }

    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>A quarter of the form <c>YYYY-Qn</c> within <see cref="SupportedDates"/> (2000-Q1 to 2100-Q4).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Quarter quarter) => Check(text, out quarter) == DateCheck.Valid;

    /// <summary>As <see cref="TryParse"/>, telling a malformed quarter from one outside <see cref="SupportedDates"/>.</summary>
    public static DateCheck Check(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is null || text.Length != 7 || text[4] != '-' || text[5] != 'Q') return DateCheck.Malformed;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return DateCheck.Malformed;
        var number = text[6] - '0';
        if (number is < 1 or > 4) return DateCheck.Malformed;
        if (!SupportedDates.Contains(year)) return DateCheck.OutOfRange;
        quarter = new Quarter(year, number);
        return DateCheck.Valid;
    }

    public static Quarter Parse(string text) =>
        TryParse(text, out var q) ? q : throw new FormatException($"'{text}' is not a quarter of the form YYYY-Qn {SupportedDates.QuarterRange}.");

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;
    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;
    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        Year - FirstNamed is >= 0 and var i && i < Names.Length / 4 ? Names[i * 4 + Number - 1] : Name(Year, Number);

    /// <summary>The names of the supported quarters and their neighbours, made once: ingestion names the quarter of every
    /// response (a million strings in a benchmark run, ADR 0050).</summary>
    private const int FirstNamed = SupportedDates.FirstYear - 1;
    private static readonly string[] Names = Enumerable.Range(FirstNamed, SupportedDates.LastYear - FirstNamed + 2)
        .SelectMany(year => Enumerable.Range(1, 4).Select(number => Name(year, number))).ToArray();

    /// <summary>The first instants (UTC ticks) of the named quarters, and of the quarter after the last.</summary>
    private static readonly long[] StartTicks = Enumerable.Range(0, Names.Length + 1)
        .Select(i => new Quarter(FirstNamed + i / 4, i % 4 + 1).Start.UtcTicks).ToArray();

    private static string Name(int year, int number) => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-Q{number}");
}
