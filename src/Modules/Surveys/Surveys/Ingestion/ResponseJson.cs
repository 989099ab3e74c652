using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>
/// Reads survey bodies with <see cref="Utf8JsonReader"/> straight from the request's buffers into
/// <see cref="ResponseInput"/>s, without a document tree in between (that tree cost more CPU than the rules). The
/// body is held in Kestrel's pooled buffers until it is read whole (bounded by the server's request size limit), so
/// malformed JSON anywhere, or more than <see cref="BatchResult.MaxItems"/> items, refuses the request before
/// anything is stored. Leniency is that of <see cref="BatchJson"/>: a wrong type in one item rejects that item only.
/// </summary>
internal static class ResponseJson
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    public static Task<(List<ResponseInput>? Items, IResult? Problem)> ReadBatchAsync(HttpRequest request, CancellationToken ct) =>
        ReadAsync(request, ParseBatch, ct);

    public static async Task<(ResponseInput? Item, IResult? Problem)> ReadOneAsync(HttpRequest request, CancellationToken ct)
    {
        var (items, problem) = await ReadAsync(request, ParseOne, ct);
        return (items?[0], problem);
    }

    private delegate (List<ResponseInput>? Items, IResult? Problem) Parser(ReadOnlySequence<byte> body);

    private static async Task<(List<ResponseInput>? Items, IResult? Problem)> ReadAsync(HttpRequest request, Parser parse, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.",
                detail: "Send the body as application/json."));
        var pipe = request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await pipe.ReadAsync(ct);
            if (read.IsCompleted || read.IsCanceled) break;
            pipe.AdvanceTo(read.Buffer.Start, read.Buffer.End); // nothing consumed yet: wait for the rest
        }
        try
        {
            return parse(read.Buffer);
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation("body", "The body is not valid JSON: " + e.Message));
        }
        finally
        {
            pipe.AdvanceTo(read.Buffer.End);
        }
    }

    private static (List<ResponseInput>? Items, IResult? Problem) ParseOne(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        reader.Read();
        var item = ResponseInput.Read(ref reader);
        EnsureEnd(ref reader);
        return ([item], null);
    }

    private static (List<ResponseInput>? Items, IResult? Problem) ParseBatch(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        reader.Read();
        List<ResponseInput>? items = null;
        var count = 0;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isItems = reader.ValueTextEquals("items"u8);
                reader.Read();
                if (isItems && reader.TokenType == JsonTokenType.StartArray)
                {
                    items = [];
                    count = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (++count <= BatchResult.MaxItems) Add(items, ResponseInput.Read(ref reader));
                        else reader.Skip(); // counted for the message, not read
                    }
                }
                else
                {
                    if (isItems) items = null; // the last "items" counts
                    reader.Skip();
                }
            }
        }
        else
        {
            reader.Skip();
        }
        EnsureEnd(ref reader);

        if (items is null) return (null, Problems.Validation("items", "The body must be { \"items\": [ … ] }."));
        if (count > BatchResult.MaxItems)
            return (null, Problems.Validation("items", $"A batch holds at most {BatchResult.MaxItems} items; this one has {count}. Nothing was stored."));
        return (items, null);
    }

    /// <summary>Adds, growing to at most <see cref="BatchResult.MaxItems"/> (80 kB of references) instead of doubling from
    /// 8,192 to 16,384 (128 kB, an array on the large object heap per batch: ADR 0050).</summary>
    private static void Add(List<ResponseInput> items, ResponseInput item)
    {
        if (items.Count == items.Capacity) items.Capacity = Math.Clamp(items.Capacity * 2, 16, Math.Max(BatchResult.MaxItems, items.Capacity + 1));
        items.Add(item);
    }

    /// <summary>Nothing but white space may follow the value (the reader throws on anything else).</summary>
    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        while (reader.Read()) { }
    }
}
