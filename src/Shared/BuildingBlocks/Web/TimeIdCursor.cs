using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>
/// The <c>after</c> cursor of lists ordered by a time and an id (responses newest first, appeals oldest first): the last
/// item's instant and id, base64url-encoded. Opaque to clients; a cursor this API did not give out is refused like a
/// garbled one, also a forged one whose id holds a control character or NUL (it would reach a query, ADR 0029).
/// </summary>
public static class TimeIdCursor
{
    public static string Encode(DateTimeOffset at, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{id}"));

    public static bool TryDecode(string text, out (DateTimeOffset At, string Id) cursor)
    {
        cursor = default;
        try
        {
            var raw = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var bar = raw.IndexOf('|', StringComparison.Ordinal);
            if (bar < 1 || !long.TryParse(raw.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
            var id = raw[(bar + 1)..];
            if (id.Length == 0 || id.Any(char.IsControl) || !TextRules.IsStorable(id)) return false;
            cursor = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
