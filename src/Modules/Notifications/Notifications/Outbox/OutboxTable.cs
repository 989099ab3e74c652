using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;

namespace PartnerPortal.Notifications.Outbox;

/// <summary>The states of an outbox message (API.md "Follow-up of detractors").</summary>
internal static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Sent, Failed];
}

/// <summary>A mail to be written to the outbox. <paramref name="IdempotencyKey"/> names what it reports for whom (a case and
/// a user, a digest day and a user): the outbox never holds two messages with one key, and the key is the sent mail's
/// Message-Id, so a receiver can drop a copy a crash made us send again.</summary>
internal sealed record NewMail(string IdempotencyKey, string To, string Subject, string Body, string Language);

/// <summary>
/// <c>mail.outbox</c>: a plain table (not a Marten document) so that the sender can claim rows with
/// <c>FOR UPDATE SKIP LOCKED</c> and the writers can skip a known key with <c>ON CONFLICT DO NOTHING</c>, both in one
/// statement. Created with the documents' schema (Marten's extended schema objects). ADR 0042.
/// </summary>
internal static class OutboxTable
{
    public const string Name = NotificationsModule.Schema + ".outbox";

    /// <summary>Sent by a writer's transaction when it wrote messages; PostgreSQL delivers it only on commit, so the
    /// wake-up (<see cref="OutboxWakeUp"/>) never looks for messages that are not there yet.</summary>
    public const string Channel = "mail_outbox";

    public static Weasel.Postgresql.Tables.Table Definition()
    {
        var table = new Weasel.Postgresql.Tables.Table(new PostgresqlObjectName(NotificationsModule.Schema, "outbox", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<string>("idempotency_key").NotNull();
        table.AddColumn<string>("recipient").NotNull();
        table.AddColumn<string>("subject").NotNull();
        table.AddColumn<string>("body").NotNull();
        table.AddColumn<string>("language").NotNull();
        table.AddColumn<string>("status").NotNull();
        table.AddColumn<int>("attempts").NotNull();
        table.AddColumn("next_attempt_at", "timestamp with time zone").NotNull();
        table.AddColumn("created_at", "timestamp with time zone").NotNull();
        table.AddColumn("sent_at", "timestamp with time zone").AllowNulls();
        table.AddColumn<string>("last_error").AllowNulls();
        table.Indexes.Add(new Weasel.Postgresql.Tables.IndexDefinition("ux_outbox_idempotency_key") { Columns = ["idempotency_key"], IsUnique = true });
        table.Indexes.Add(new Weasel.Postgresql.Tables.IndexDefinition("ix_outbox_due") { Columns = ["next_attempt_at", "id"], Predicate = "status = 'pending'" });
        table.Indexes.Add(new Weasel.Postgresql.Tables.IndexDefinition("ix_outbox_created") { Columns = ["created_at", "id"] });
        return table;
    }

    /// <summary>Writes <paramref name="mails"/> on the caller's connection and transaction (stamped with the database's time,
    /// which the sender compares with: an outbox is operations, not business time), skipping every key the outbox
    /// holds already (also one a concurrent transaction is writing: the insert waits for it), and announces them for
    /// after the commit. Returns how many were written.</summary>
    public static async Task<int> WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<NewMail> mails, CancellationToken ct)
    {
        if (mails.Count == 0) return 0;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            with written as (
                insert into {Name} (id, idempotency_key, recipient, subject, body, language, status, attempts, next_attempt_at, created_at)
                select m.id, m.idempotency_key, m.recipient, m.subject, m.body, m.language, '{OutboxStatus.Pending}', 0, now(), now()
                from unnest(@ids, @keys, @recipients, @subjects, @bodies, @languages) as m(id, idempotency_key, recipient, subject, body, language)
                on conflict (idempotency_key) do nothing
                returning 1
            )
            select count(*), case when count(*) > 0 then pg_notify('{Channel}', '') end::text from written
            """;
        var distinct = mails.DistinctBy(m => m.IdempotencyKey, StringComparer.Ordinal).ToArray();
        Add(command, "ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid, distinct.Select(_ => Guid.CreateVersion7()).ToArray());
        Add(command, "keys", NpgsqlDbType.Array | NpgsqlDbType.Text, distinct.Select(m => m.IdempotencyKey).ToArray());
        Add(command, "recipients", NpgsqlDbType.Array | NpgsqlDbType.Text, distinct.Select(m => m.To).ToArray());
        Add(command, "subjects", NpgsqlDbType.Array | NpgsqlDbType.Text, distinct.Select(m => m.Subject).ToArray());
        Add(command, "bodies", NpgsqlDbType.Array | NpgsqlDbType.Text, distinct.Select(m => m.Body).ToArray());
        Add(command, "languages", NpgsqlDbType.Array | NpgsqlDbType.Text, distinct.Select(m => m.Language).ToArray());
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, NpgsqlDbType type, object value)
    {
        if (command is NpgsqlCommand npgsql) npgsql.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        else throw new InvalidOperationException("The outbox lives in PostgreSQL: the connection must be an Npgsql connection.");
    }
}
