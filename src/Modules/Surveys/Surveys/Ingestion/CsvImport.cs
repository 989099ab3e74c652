using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>
/// <c>POST /api/v1/surveys/responses/import</c>: a vendor export as <c>text/csv</c> (header row with the API's
/// field names, scores as <c>brand,product,touchpoint</c>), any size. Rows are read, stored and answered in chunks,
/// so neither the file nor the results are ever held in memory whole. Results go to a temporary file while the
/// upload is read (a client that sends the whole file before it reads the answer must not dead-lock against a
/// server that answers while it reads), then the batch result is streamed back from it.
/// </summary>
internal static class CsvImport
{
    public const int ChunkSize = 5_000;

    private static readonly string[] Known =
        ["responseId", "respondedAt", "segment", "channel", "partnerId", "shopId", "transactionId", "brand", "product", "touchpoint", "comment"];

    public static async Task Handle(HttpContext http, SurveyIngestion ingestion, CancellationToken ct)
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
                foreach (var result in await ingestion.IngestAsync(chunk, index, ct))
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
}
