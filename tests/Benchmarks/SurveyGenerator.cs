using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PartnerPortal.Benchmarks;

/// <summary>Deterministic, realistic survey responses: mostly partner shops, all four quarters of 2023.</summary>
public static class SurveyGenerator
{
    private static readonly string[] Comments =
    [
        "Sehr freundliche und kompetente Beratung.", "Lange Wartezeit im Shop.", "Vertrag schnell abgeschlossen, alles erklärt.",
        "Netzabdeckung auf dem Land schlecht.", "Preis-Leistung passt.", "Mitarbeiter kannte sich mit dem Tarif nicht aus.",
    ];

    private static readonly string[] Channels = ["partner-shop", "partner-shop", "partner-shop", "partner-shop", "own-shop", "own-shop", "hotline", "online", "other"];

    public sealed record Item(string Id, string Json, string Csv, bool Detractor = false);

    /// <summary>The responses; with <paramref name="detractorShare"/> exactly that share (drawn at random) are detractors
    /// who get a follow-up case (partner shop, touchpoint 0–6) and no other partner-shop response is one (touchpoint 7–10).</summary>
    public static IEnumerable<Item> Generate(int count, int partners, string prefix, int seed = 2023, double? detractorShare = null)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        var buffer = new ArrayBufferWriterHolder();
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D8}");
            var detractor = detractorShare is { } share && random.NextDouble() < share;
            var channel = detractor ? "partner-shop" : Channels[random.Next(Channels.Length)];
            var partner = channel == "partner-shop" ? random.Next(partners) : -1;
            var respondedAt = start.AddSeconds(random.NextDouble() * 364 * 24 * 3600).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
            var segment = random.Next(4) == 0 ? "business" : "private";
            int? brand = Score(random), product = random.Next(5) == 0 ? null : Score(random), touchpoint = Score(random);
            if (detractor) touchpoint = random.Next(7);
            else if (detractorShare is not null && channel == "partner-shop" && touchpoint <= 6) touchpoint = 7 + random.Next(4);
            var comment = random.Next(10) == 0 ? Comments[random.Next(Comments.Length)] : null;
            var partnerId = partner >= 0 ? PartnerId(partner) : null;
            var shopId = partner >= 0 ? ShopId(partner, random.Next(2)) : null;

            var w = buffer.Reset();
            w.WriteStartObject();
            w.WriteString("responseId", id);
            w.WriteString("respondedAt", respondedAt);
            w.WriteString("segment", segment);
            w.WriteString("channel", channel);
            if (partnerId is not null) { w.WriteString("partnerId", partnerId); w.WriteString("shopId", shopId); }
            w.WriteStartObject("scores");
            if (brand is { } b) w.WriteNumber("brand", b);
            if (product is { } p) w.WriteNumber("product", p);
            if (touchpoint is { } t) w.WriteNumber("touchpoint", t);
            w.WriteEndObject();
            if (comment is not null) w.WriteString("comment", comment);
            w.WriteEndObject();
            w.Flush();
            var json = Encoding.UTF8.GetString(buffer.Written);
            var csv = string.Create(CultureInfo.InvariantCulture,
                $"{id},{respondedAt},{segment},{channel},{partnerId},{shopId},,{brand},{product},{touchpoint},{(comment is null ? "" : "\"" + comment + "\"")}\n");
            yield return new Item(id, json, csv, channel == "partner-shop" && touchpoint is >= 0 and <= 6);
        }
    }

    public const string CsvHeader = "responseId,respondedAt,segment,channel,partnerId,shopId,transactionId,brand,product,touchpoint,comment\n";

    public static string PartnerId(int i) => string.Create(CultureInfo.InvariantCulture, $"bp-{i:D5}");

    public static string ShopId(int partner, int shop) => string.Create(CultureInfo.InvariantCulture, $"bs-{partner:D5}-{shop}");

    /// <summary>Skewed towards fans, as NPS data usually is.</summary>
    private static int Score(Random random) => random.Next(100) switch
    {
        < 45 => 9 + random.Next(2),
        < 75 => 7 + random.Next(2),
        _ => random.Next(7),
    };

    private sealed class ArrayBufferWriterHolder
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1024);
        private Utf8JsonWriter? _writer;

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public Utf8JsonWriter Reset()
        {
            _buffer.ResetWrittenCount();
            if (_writer is null) _writer = new Utf8JsonWriter(_buffer);
            else _writer.Reset(_buffer);
            return _writer;
        }
    }
}
