using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Npgsql;

namespace PartnerPortal.Notifications.Outbox;

/// <summary>An outbox message as the "Postausgang" page shows it: what the API lists, and when it is tried next and why
/// the last attempt failed.</summary>
public sealed record OutboxItem(Guid Id, string To, string Subject, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    DateTimeOffset NextAttemptAt, string? LastError);

/// <summary>An outbox message as the API lists it (API.md).</summary>
internal sealed record OutboxItemView(Guid Id, string To, string Subject, [OneOf(typeof(OutboxStatus))] string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt)
{
    public static OutboxItemView Of(OutboxItem i) => new(i.Id, i.To, i.Subject, i.Status, i.Attempts, i.CreatedAt, i.SentAt);
}

/// <summary>A page of the outbox, newest first; <c>next</c> is the cursor of the following page, or null.</summary>
internal sealed record OutboxListing(IReadOnlyList<OutboxItem> Items, string? Next);

/// <summary>The API's page of the outbox.</summary>
internal sealed record OutboxPage(IReadOnlyList<OutboxItemView> Items, string? Next);

/// <summary>
/// <c>GET /api/v1/outbox?status&amp;after&amp;limit</c> and back office's "Postausgang": the outbox, newest first, cursor
/// paging (<see cref="TimeIdCursor"/>). Back office only: the mails name every partner's users.
/// </summary>
internal static class ListOutbox
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static async Task<Outcome<OutboxListing>> HandleAsync(string? status, string? after, string? limit, IDocumentStore store, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (status is not null && !OutboxStatus.All.Contains(status, StringComparer.Ordinal))
            errors.Add("status", $"'status' must be one of: {string.Join(", ", OutboxStatus.All)}.");
        (DateTimeOffset At, Guid Id)? cursor = null;
        if (after is not null)
        {
            if (TimeIdCursor.TryDecode(after, out var c) && Guid.TryParseExact(c.Id, "N", out var id)) cursor = (c.At, id);
            else errors.Add("after", "'after' is not a cursor this API gave out.");
        }
        var size = DefaultLimit;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxLimit))
            errors.Add("limit", $"'limit' must be an integer from 1 to {MaxLimit}.");
        if (!errors.IsValid) return Outcome<OutboxListing>.Invalid(errors.ToDictionary());

        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            select id, recipient, subject, status, attempts, created_at, sent_at, next_attempt_at, last_error from {OutboxTable.Name}
            where ($1::text is null or status = $1) and ($2::timestamptz is null or (created_at, id) < ($2, $3))
            order by created_at desc, id desc limit $4
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = cursor is { } c1 ? c1.At : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = cursor is { } c2 ? c2.Id : Guid.Empty, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue(size + 1);
        var rows = new List<OutboxItem>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add(new OutboxItem(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                    reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        var items = rows.Take(size).ToArray();
        var next = rows.Count > size ? TimeIdCursor.Encode(items[^1].CreatedAt, items[^1].Id.ToString("N")) : null;
        return Outcome<OutboxListing>.Done(new OutboxListing(items, next));
    }

    public static async Task<IResult> Endpoint([OneOf(typeof(OutboxStatus))] string? status, string? after, [Range(1, MaxLimit)] string? limit, IDocumentStore store, CancellationToken ct) =>
        (await HandleAsync(status, after, limit, store, ct)).ToHttp(p => new OutboxPage(p.Items.Select(OutboxItemView.Of).ToArray(), p.Next));
}
