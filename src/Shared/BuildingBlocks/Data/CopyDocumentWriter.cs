using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PartnerPortal.BuildingBlocks.Data;

/// <summary>
/// Writes a document as the JSON Marten stores and reads (camelCase property names, as Marten's serializer writes them),
/// straight to UTF-8 for a binary COPY (<see cref="BinaryCopyRows.Jsonb"/>): no string and no general serializer per
/// document. A derived writer lists the properties it stores; a test per writer reads them back, so a property added to
/// the document cannot be forgotten. One instance per COPY; not thread-safe.
/// </summary>
public abstract class CopyDocumentWriter<T>
{
    // PostgreSQL parses the text into jsonb, which keeps no escapes: escaping less only saves bytes.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    protected CopyDocumentWriter() => _writer = new Utf8JsonWriter(_buffer, Options);

    /// <summary>The document's JSON; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Write(T document)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        WriteProperties(_writer, document);
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenMemory;
    }

    /// <summary>The document's properties, as Marten's serializer names them.</summary>
    protected abstract void WriteProperties(Utf8JsonWriter w, T document);
}
