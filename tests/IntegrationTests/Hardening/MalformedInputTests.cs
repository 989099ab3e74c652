using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.Hardening.RouteTable;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// Bad input is harmless: every route of <see cref="RouteTable"/> gets its valid request (back office, aimed at partner B)
/// mutated into thousands of invalid ones. Every route and page, whatever its method: NUL and every other control
/// character in each query parameter (declared, sent, the partner guard's <c>partnerId</c>, and one nobody declares) and
/// forged cursors are 400; every id in the route with a flaw (a trailing line feed, control characters, look-alike letters
/// from other scripts, invisible characters) is 400; other route garbage is harmless (a read may answer 2xx). Every POST
/// and PUT besides: route values and JSON fields of the wrong type, null array elements, huge strings, NUL and other
/// control characters, lone surrogates, bidi controls, flawed ids in the body, huge numbers, deep JSON, bodies that are no
/// JSON or the wrong JSON, wrong content types, oversized batches, broken CSV and forms. Not one answer is 5xx, every
/// refusal is problem details naming no .NET type, no mutation is accepted (a batch answers with every item rejected), and
/// nothing of B's was stored. Each mutation is invalid by construction, so any acceptance is a bug.
/// </summary>
public sealed class MalformedInputTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Free text a person wrote may hold bidi controls (Arabic or Hebrew comments); every other string may not.</summary>
    private static readonly HashSet<string> FreeText = new(StringComparer.Ordinal) { "comment", "password" };

    private const string LoneSurrogate = "\"__lone_surrogate__\"";

    /// <summary>C0 and C1 controls (NUL cannot even be stored in jsonb); tab, line feed and carriage return are text.</summary>
    private static readonly char[] ControlCharacters = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u001B', '\u007F', '\u0085', '\u009B'];

    /// <summary>Bidirectional embeddings, overrides, isolates and marks: they reorder what a reader sees ("Trojan Source").</summary>
    private static readonly char[] BidiControls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

    [Fact]
    public async Task Thousands_of_malformed_requests_get_no_5xx_are_all_refused_and_store_nothing()
    {
        using var world = await World.CreateAsync(host, 2042);
        var cases = new List<Case>();
        foreach (var row in Routes)
            cases.AddRange(await CasesAsync(row, world, host.Services));
        Assert.True(cases.Count >= 5000, $"Only {cases.Count} cases.");

        var before = await world.FingerprintAsync();
        var failures = new ConcurrentBag<string>();
        using var client = host.Admin();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (c, ct) =>
        {
            using var request = c.Build();
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, ct);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{c}: the request failed: {e.Message}");
                return;
            }
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            var rejectedBatch = c.Row.Confinement is Confinement.ItemsRejected && status == 200 && NothingAccepted(body);
            if (status >= 500) failures.Add($"{c}: {status} {Shorten(body)}");
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{c}: {status} as {response.Content.Headers.ContentType?.MediaType ?? "no body"}, not problem details");
            else if (c.Expect == Expect.BadRequest && status != 400)
                failures.Add($"{c}: {status}, expected 400 {Shorten(body)}");
            else if (c.Expect == Expect.Refused && status < 400 && !rejectedBatch)
                failures.Add($"{c}: accepted ({status}) {Shorten(body)}");
            else if ((status >= 400 || rejectedBatch) && LeakTests.InternalNames.FirstOrDefault(n => body.Contains(n, StringComparison.Ordinal)) is { } leak)
                failures.Add($"{c}: {status} names an internal type ('{leak}'): {Shorten(body)}");
        });
        var after = await world.FingerprintAsync();
        foreach (var changed in after.Except(before)) failures.Add($"stored or changed: {changed}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} malformed requests were not harmless:\n" +
                                      string.Join("\n", failures.Order(StringComparer.Ordinal).Take(60)));
    }

    private static async Task<List<Case>> CasesAsync(Row row, World world, IServiceProvider services)
    {
        using var template = row.Request(world);
        var url = template.RequestUri!.OriginalString;
        var mediaType = template.Content?.Headers.ContentType?.MediaType;
        var body = template.Content is null ? null : await template.Content.ReadAsStringAsync(Ct);
        var writes = row.Method is "POST" or "PUT";
        var cases = new List<Case>();
        void Add(string what, string caseUrl, string? caseBody, string? caseType, Expect expect = Expect.Refused) =>
            cases.Add(new Case(row, what, template.Method, caseUrl, caseBody, caseType, expect));

        // Query values: a control character in each parameter, alone and after its valid value, is 400 at the edge.
        foreach (var name in QueryParameters(row, url, services))
        {
            foreach (var control in QueryControls)
            {
                Add($"query {name}={control}", WithQueryValue(RemoveQuery(url, name), name, control), body, mediaType, Expect.BadRequest);
                Add($"query {name}=…{control}", WithQueryValue(url, name, (HasQuery(url, name) ? "" : "x") + control), body, mediaType, Expect.BadRequest);
            }
            // A cursor that decodes to an id with a control character: the API refuses it, a page shows its filter error.
            if (name is "after")
                foreach (var forged in new[] { "638200000000000000|r-1\u0000", "638200000000000000|\u0000", "638200000000000000|r\n", "1|\u001b" })
                    Add($"forged cursor {name} {Uri.EscapeDataString(forged)}", WithQueryValue(RemoveQuery(url, name), name,
                        System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forged))), body, mediaType, row.Kind == Kind.Api ? Expect.BadRequest : Expect.Harmless);
        }

        // Route ids: every {…Id} with one flaw is 400, before anything is read or written.
        foreach (var parameter in IdParameters(row))
            foreach (var (what, flawed) in FlawedIds(RouteValue(row, url, parameter)))
                Add($"route {parameter} {what}", WithRouteValue(row, url, parameter, Uri.EscapeDataString(flawed)), body, mediaType, Expect.BadRequest);

        // Route values: every {parameter} replaced by garbage, the rest of the request valid (a read may find nothing and say so).
        foreach (var (name, garbage) in RouteMutations(row.Template, url)) Add($"route {name}", garbage, body, mediaType, writes ? Expect.Refused : Expect.Harmless);
        if (body is null || !writes) return cases; // no body: nothing else to mutate (a body sent anyway would be ignored)

        // Envelopes: not JSON, the wrong JSON, too deep, empty.
        foreach (var (what, text) in Envelopes(mediaType, batch: body.StartsWith("{\"items\"", StringComparison.Ordinal))) Add(what, url, text, mediaType);
        // Content types: the valid body declared as something the route does not read.
        foreach (var type in new[] { "text/plain", "text/html", "application/xml", "application/octet-stream", "application/x-www-form-urlencoded",
                     "multipart/form-data; boundary=zz", "image/png", null })
            if (type != mediaType) Add($"content type {type ?? "none"}", url, body, type);

        switch (mediaType)
        {
            case "application/json":
                foreach (var (what, text) in JsonMutations(body)) Add(what, url, text, mediaType);
                if (JsonNode.Parse(body) is JsonObject { } batch && batch["items"] is JsonArray items)
                {
                    var many = new JsonArray(Enumerable.Range(0, 10_001).Select(_ => items[0]!.DeepClone()).ToArray());
                    Add("10,001 items", url, new JsonObject { ["items"] = many }.ToJsonString(), mediaType);
                }
                break;
            case "text/csv":
                foreach (var (what, text) in CsvMutations(body)) Add(what, url, text, mediaType);
                break;
            case "application/x-www-form-urlencoded":
                foreach (var (what, text, type) in FormMutations()) Add(what, url, text, type);
                break;
        }
        return cases;
    }

    /// <summary>Route values. No %00: Kestrel refuses a NUL in the path before the application (RequestLimitTests), and the
    /// in-process test server throws on it in the client.</summary>
    private static readonly string[] RouteGarbage =
    [
        "%0A%0D", "%E2%80%AE" + "evil", "%E2%81%A6x", "%ED%A0%80", "%FF%FE", "..%2F..%2Fetc", "%2F", "%20", "'%20or%201=1--",
        "%3Cscript%3E", new string('x', 4000), "%F0%9F%98%80", "-1", "2041-Q9", "%25", "%09", "%C0%AF", "%7B%7D", "a%20b",
        "%E2%80%8B", "%EF%BB%BFp", "%C2%85", "%1B%5B31m",
    ];

    /// <summary>Each route parameter of <paramref name="template"/> replaced, one at a time, by each garbage value.</summary>
    private static IEnumerable<(string Name, string Url)> RouteMutations(string template, string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? url[q..] : "";
        var segments = (query.Length > 0 ? url[..url.IndexOf('?', StringComparison.Ordinal)] : url).Split('/');
        var patterns = template.Split('/');
        for (var i = 0; i < patterns.Length && i < segments.Length; i++)
        {
            if (!patterns[i].Contains('{', StringComparison.Ordinal)) continue;
            var suffix = patterns[i][(patterns[i].IndexOf('}', StringComparison.Ordinal) + 1)..]; // "{quarter}.csv"
            foreach (var garbage in RouteGarbage.Concat(BidiControls.Select(c => Uri.EscapeDataString(c + "p-1"))))
            {
                var copy = (string[])segments.Clone();
                copy[i] = garbage + suffix;
                yield return (patterns[i], string.Join('/', copy) + query);
            }
        }
    }

    private static IEnumerable<(string What, string Text)> Envelopes(string? mediaType, bool batch)
    {
        yield return ("empty body", "");
        yield return ("truncated JSON", "{\"a\": [1, 2");
        yield return ("garbage", "\u0000\u0001\u0002 not json at all \uFFFD");
        yield return ("XML", "<?xml version=\"1.0\"?><items><item/></items>");
        yield return ("deep arrays", new string('[', 100_000) + new string(']', 100_000));
        yield return ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000));
        if (mediaType != "application/json") yield break;
        foreach (var root in new[] { "null", "[]", "[{}]", "42", "\"text\"", "true" })
            yield return ($"JSON {root}", root);
        // Unknown members are ignored (and a body of optional fields may be empty), so these are invalid for batches only.
        if (batch)
            foreach (var root in new[] { "{}", "{\"items\": 7}", "{\"items\": null}", "{\"items\": [null, 1, \"x\", []]}", "{\"Items\": []}" })
                yield return ($"JSON {root}", root);
        yield return ("a 2 MB string", "\"" + new string('a', 2_000_000) + "\"");
    }

    /// <summary>One leaf or array element of the valid body at a time: wrong type, null element, huge, NUL, other control
    /// characters, lone surrogate, bidi control (not in free text), huge numbers.</summary>
    private static IEnumerable<(string What, string Text)> JsonMutations(string body)
    {
        var root = JsonNode.Parse(body)!;
        foreach (var path in Paths(root, ""))
        {
            var value = Get(root, path);
            var name = path.Split('.', '[')[^1].TrimEnd(']');
            var replacements = new List<(string, JsonNode?)>();
            switch (value)
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    var text = v.GetValue<string>();
                    replacements.AddRange([("number", 12345), ("negative number", -1), ("fraction", 1.5), ("true", true), ("false", false),
                        ("array", new JsonArray("x")), ("empty array", new JsonArray()), ("object", new JsonObject { ["x"] = "y" }), ("empty object", new JsonObject())]);
                    replacements.Add(("100,000 characters", new string('a', 100_000)));
                    replacements.AddRange(ControlCharacters.Select(c => ($"control U+{(int)c:X4}", (JsonNode?)(text + c + text))));
                    replacements.Add(("lone surrogate", "__lone_surrogate__"));
                    if (!FreeText.Contains(name)) replacements.AddRange(BidiControls.Select(c => ($"bidi U+{(int)c:X4}", (JsonNode?)(c + text))));
                    if (IsIdField(path, name) && text.Length > 0) replacements.AddRange(FlawedIds(text).Select(f => ($"id {f.What}", (JsonNode?)f.Id)));
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                    replacements.AddRange([("string", "12"), ("true", true), ("array", new JsonArray(1)), ("object", new JsonObject())]);
                    replacements.AddRange([("1e308", JsonNode.Parse("1e308")), ("-1e308", JsonNode.Parse("-1e308")),
                        ("huge integer", JsonNode.Parse("99999999999999999999999999999999")), ("huge negative integer", JsonNode.Parse("-99999999999999999999999999999999")),
                        ("NaN as text", "NaN"), ("Infinity as text", "Infinity")]);
                    break;
                case JsonObject:
                    replacements.AddRange([("string", "x"), ("number", 1), ("array", new JsonArray())]);
                    break;
                case JsonArray:
                    replacements.AddRange([("string", "x"), ("number", 1), ("object", new JsonObject())]);
                    break;
            }
            foreach (var (what, replacement) in replacements)
            {
                var copy = root.DeepClone();
                Set(copy, path, replacement);
                var json = copy.ToJsonString();
                if (what == "lone surrogate") json = json.Replace(LoneSurrogate, "\"\\ud800x\"", StringComparison.Ordinal);
                yield return ($"{path} {what}", json);
            }
            if (value?.Parent is JsonArray)
            {
                var copy = root.DeepClone();
                Set(copy, path, null);
                yield return ($"{path} null element", copy.ToJsonString());
            }
        }
    }

    private static IEnumerable<string> Paths(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    if (child is not null) yield return path;
                    foreach (var inner in Paths(child, path)) yield return inner;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var path = $"{prefix}[{i}]";
                    yield return path;
                    foreach (var inner in Paths(a[i], path)) yield return inner;
                }
                break;
        }
    }

    private static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var step in Steps(path)) node = step.Index is { } i ? node![i] : node![step.Key!];
        return node;
    }

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var steps = Steps(path).ToArray();
        var parent = root;
        foreach (var step in steps[..^1]) parent = step.Index is { } i ? parent[i]! : parent[step.Key!]!;
        var last = steps[^1];
        if (last.Index is { } index) parent.AsArray()[index] = value;
        else parent.AsObject()[last.Key!] = value;
    }

    private static IEnumerable<(string? Key, int? Index)> Steps(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket != 0) yield return (bracket < 0 ? part : part[..bracket], null);
            if (bracket < 0) continue;
            foreach (var index in part[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries))
                yield return (null, int.Parse(index.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The vendor CSV with its one data row broken field by field, and broken as a file.</summary>
    private static IEnumerable<(string What, string Text)> CsvMutations(string csv)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        var freeText = new HashSet<string>(["comment"], StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var values = new List<(string, string)>
            {
                ("10,001 characters", new string('a', 10_001)),
                ("unclosed quote", "\"" + row[i]),
            };
            values.AddRange(ControlCharacters.Select(c => ($"control U+{(int)c:X4}", row[i] + c)));
            if (!freeText.Contains(header[i])) values.AddRange(BidiControls.Select(c => ($"bidi U+{(int)c:X4}", c + row[i])));
            if (header[i].EndsWith("Id", StringComparison.Ordinal))
                values.AddRange(FlawedIds(row[i]).Select(f => ($"id {f.What}", "\"" + f.Id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            if (header[i] is "brand" or "product" or "touchpoint") values.AddRange([("not a number", "x"), ("11", "11"), ("-1", "-1"), ("1e308", "1e308")]);
            foreach (var (what, value) in values)
            {
                var copy = (string[])row.Clone();
                copy[i] = value;
                yield return ($"csv {header[i]} {what}", lines[0] + "\n" + string.Join(',', copy) + "\n");
            }
        }
        yield return ("csv header only", lines[0] + "\n");
        yield return ("csv without the responseId column", string.Join(',', header.Skip(1)) + "\n" + string.Join(',', row.Skip(1)) + "\n");
        yield return ("csv 65 columns", lines[0] + "," + string.Join(',', Enumerable.Range(0, 60).Select(i => $"x{i}")) + "\n" + lines[1] + new string(',', 60) + "\n");
        yield return ("csv binary", Encoding.Latin1.GetString(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray()));
    }

    /// <summary>Sign-in and sign-out forms: no token, huge and broken values, broken encodings.</summary>
    private static IEnumerable<(string What, string Text, string? Type)> FormMutations()
    {
        const string form = "application/x-www-form-urlencoded";
        yield return ("form no fields", "", form);
        yield return ("form huge e-mail", "Email=" + new string('a', 1_000_000) + "&Password=x", form);
        yield return ("form NUL", "Email=a%00b%40example.test&Password=%00", form);
        yield return ("form broken escapes", "Email=%ZZ%&Password=%", form);
        yield return ("form lone surrogate", "Email=%ED%A0%80&Password=%ED%A0%80", form);
        yield return ("form bidi", "Email=%E2%80%AEa%40example.test&Password=x", form);
        yield return ("form 5,000 fields", string.Join('&', Enumerable.Range(0, 5_000).Select(i => $"f{i}=v")), form);
        yield return ("form wrong token", "__RequestVerificationToken=forged&Email=a%40example.test&Password=x", form);
        yield return ("multipart garbage", "--zz\r\nContent-Disposition: form-data; name=\"Email\"\r\n\r\nunterminated", "multipart/form-data; boundary=zz");
        yield return ("multipart no boundary", "whatever", "multipart/form-data");
    }

    /// <summary>A JSON field that holds an id: named <c>…Id</c>, or an element of the roll call's person ids.</summary>
    private static bool IsIdField(string path, string name) =>
        (name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal)) || path.StartsWith("attended[", StringComparison.Ordinal);

    private static bool HasQuery(string url, string name) => RemoveQuery(url, name) != url;

    private static string RemoveQuery(string url, string name)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return url;
        var kept = url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Split('=', 2)[0] != name).ToArray();
        return kept.Length == 0 ? url[..q] : url[..q] + "?" + string.Join('&', kept);
    }

    private static bool NothingAccepted(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("accepted").GetInt32() == 0;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>What a mutation must get: <see cref="Refused"/> (4xx, or a batch with every item rejected),
    /// <see cref="BadRequest"/> (exactly 400: the edge's answer), <see cref="Harmless"/> (no 5xx: a read may answer 2xx).</summary>
    private enum Expect { Refused, BadRequest, Harmless }

    private sealed record Case(Row Row, string What, HttpMethod Method, string Url, string? Body, string? MediaType, Expect Expect)
    {
        public HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(Method, Url);
            if (Body is null) return request;
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (MediaType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", MediaType.Contains(';', StringComparison.Ordinal) ? MediaType : MediaType + "; charset=utf-8");
            return request;
        }

        public override string ToString() => $"{Row.Pattern} [{What}]";
    }
}
