using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace PartnerPortal.BuildingBlocks.Data;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"),
/// encoded here and handed to Npgsql's raw COPY stream in blocks of 64 kB. Npgsql's row importer costs an awaited call
/// per value: at 11 values a row that was most of ingestion's CPU. Used for the responses and the integrity job's
/// transactions; only the types they need.
/// </summary>
public sealed class BinaryCopyRows
{
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>A block and room for the row that fills it, below the 85,000 bytes from which .NET puts an array on the
    /// large object heap: a buffer there per batch set off a full (generation 2) collection every few batches (ADR 0050).</summary>
    private readonly ArrayBufferWriter<byte> _buffer = new(Block + (1 << 14));

    /// <summary>Bytes written since the last <see cref="Reset"/>.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public void Reset() => _buffer.ResetWrittenCount();

    /// <summary>About how much a bulk writer hands to the COPY stream at a time.</summary>
    public const int Block = 1 << 16;

    /// <summary>Sends what was written to <paramref name="copy"/> once it fills a <see cref="Block"/>, and starts the next one.</summary>
    public async ValueTask SendFullBlockAsync(Stream copy, CancellationToken ct)
    {
        if (_buffer.WrittenCount < Block) return;
        await copy.WriteAsync(Written, ct);
        Reset();
    }

    /// <summary>The trailer, and everything not sent yet.</summary>
    public async ValueTask FinishAsync(Stream copy, CancellationToken ct)
    {
        Trailer();
        await copy.WriteAsync(Written, ct);
        Reset();
    }

    /// <summary>The file header: signature, flags (no OIDs), no header extension.</summary>
    public void Header()
    {
        Bytes([(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0]);
        Int32(0);
        Int32(0);
    }

    public void Trailer() => Int16(-1);

    public void Row(short fields) => Int16(fields);

    public void Null() => Int32(-1);

    public void Text(string? value)
    {
        if (value is null) { Null(); return; }
        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    /// <summary>jsonb's binary form: a version byte (1), then the JSON text.</summary>
    public void Jsonb(ReadOnlySpan<byte> utf8Json)
    {
        Int32(utf8Json.Length + 1);
        Bytes([1]);
        Bytes(utf8Json);
    }

    /// <summary>timestamptz: microseconds since 2000-01-01 UTC.</summary>
    public void TimestampTz(DateTimeOffset value)
    {
        Int32(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), (value.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
        _buffer.Advance(8);
    }

    public void Integer(int? value)
    {
        if (value is not { } v) { Null(); return; }
        Int32(4);
        Int32(v);
    }

    private void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    private void Bytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);
}
