using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>
/// <c>POST /api/v1/surveys/responses/import</c>: a vendor export as <c>text/csv</c> (header row with the API's
/// field names, scores as <c>brand,product,touchpoint</c>), any size. Rows are read, stored and answered in chunks,
/// so neither the file nor the results are ever held in memory whole. Results go to a temporary file while the
/// upload is read (a client that sends the whole file before it reads the answer must not dead-lock against a
/// server that answers while it reads), then the batch result is streamed back from it. Once a row is stored the import
/// always ends with per-row results, never with a 500 (ADR 0030).
/// </summary>
internal static class CsvImport
{
    public const int ChunkSize = 5_000;

    private static readonly string[] Known =
        ["responseId", "respondedAt", "segment", "channel", "partnerId", "shopId", "transactionId", "brand", "product", "touchpoint", "comment"];

    public static async Task Handle(HttpContext http, SurveyIngestion ingestion, ILogger<SurveyIngestion> logger, CancellationToken ct)
    {
        var request = http.Request;
        if (request.ContentType is null || !request.ContentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.",
                detail: "Send the file as text/csv.").ExecuteAsync(http);
            return;
        }

        using var reader = new CsvReader(new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
        string[]? header;
        try
        {
            header = await reader.ReadRowAsync(ct);
        }
        catch (CsvFormatException e)
        {
            await Problems.Validation("header", $"The header row cannot be read: {e.Message}").ExecuteAsync(http);
            return;
        }
        var names = header?.Select(name => name.Trim()).ToArray() ?? [];
        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (repeated.Length > 0)
        {
            await Problems.Validation("header", $"Each column may appear once; repeated: {string.Join(", ", repeated)}.").ExecuteAsync(http);
            return;
        }
        var columns = header is null ? null : names.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        var missing = columns is null ? Known.Take(4).ToArray() : new[] { "responseId", "respondedAt", "segment", "channel" }.Where(c => !columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0 || columns is null)
        {
            await Problems.Validation("header", $"The first row must name the columns; missing: {string.Join(", ", missing)}. Known columns: {string.Join(",", Known)}.")
                .ExecuteAsync(http);
            return;
        }

        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"partnerportal-import-{Guid.NewGuid():N}.json"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var json = new Utf8JsonWriter(spool);
        json.WriteStartArray();
        int accepted = 0, duplicates = 0, conflicts = 0, rejected = 0, index = 0;
        int? stoppedAt = null;
        var chunk = new List<ResponseInput>(ChunkSize);
        while (true)
        {
            var end = false;
            try
            {
                var row = await reader.ReadRowAsync(ct);
                if (row is null) end = true;
                else if (row is [""]) continue; // blank line
                else chunk.Add(ResponseInput.FromCsv(name => columns.TryGetValue(name, out var i) && i < row.Length && row[i].Length > 0 ? row[i] : null));
            }
            catch (CsvFormatException e)
            {
                var broken = new ResponseInput();
                broken.Errors.Add("row", e.Message);
                chunk.Add(broken);
            }
            if (chunk.Count == ChunkSize || (end && chunk.Count > 0))
            {
                IReadOnlyList<ItemResult> results;
                if (stoppedAt is { } stopped) results = NotStored(chunk, index, stopped);
                else
                {
                    try
                    {
                        results = await ingestion.IngestAsync(chunk, index, ct);
                    }
                    catch (Exception e) when (ingestion.StoredAny && !ct.IsCancellationRequested)
                    {
                        // Rows of this import are stored: a failure that is no row's fault (the database went away, a bug)
                        // must not become a 500 that hides them. This chunk and every later row are answered "may not be
                        // stored, send again" and the import ends with its per-row results (ADR 0030).
                        logger.LogError(e, "A survey import failed at index {Index} after storing rows; the rest is answered as not stored.", index);
                        stoppedAt = index;
                        results = NotStored(chunk, index, index);
                    }
                }
                foreach (var result in results)
                {
                    switch (result.Status)
                    {
                        case ItemStatus.Accepted: accepted++; break;
                        case ItemStatus.Duplicate: duplicates++; break;
                        case ItemStatus.Conflict: conflicts++; break;
                        default: rejected++; break;
                    }
                    JsonSerializer.Serialize(json, result, JsonSerializerOptions.Web);
                }
                index += chunk.Count;
                chunk.Clear();
                await json.FlushAsync(ct);
            }
            if (end) break;
        }
        json.WriteEndArray();
        await json.FlushAsync(ct);
        await json.DisposeAsync();

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        var head = JsonSerializer.SerializeToUtf8Bytes(new { accepted, duplicates, conflicts, rejected }, JsonSerializerOptions.Web);
        await http.Response.Body.WriteAsync(head.AsMemory(0, head.Length - 1), ct); // without the closing brace
        await http.Response.Body.WriteAsync(",\"results\":"u8.ToArray(), ct);
        spool.Position = 0;
        await spool.CopyToAsync(http.Response.Body, ct);
        await http.Response.Body.WriteAsync("}"u8.ToArray(), ct);
    }

    /// <summary>The results of rows that reach the import after it stopped storing (or in the chunk that failed).</summary>
    private static ItemResult[] NotStored(List<ResponseInput> chunk, int index, int stoppedAt) =>
        chunk.Select((input, i) => new ItemResult(index + i, input.ResponseId, ItemStatus.Rejected, new Dictionary<string, string[]>
        {
            ["row"] = [$"Storing failed at index {stoppedAt} and the import stopped storing there: this row may not be stored. Send it again (a stored row comes back as a duplicate)."],
        })).ToArray();
}
