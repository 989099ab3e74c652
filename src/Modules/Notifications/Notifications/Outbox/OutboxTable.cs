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
/// Message-Id, so a receiver can drop a copy a crash made us send again.
/// <paramref name="Template"/>: null when <paramref name="Body"/> is the mail's text, else the name of what writes the text from
/// the facts <paramref name="Body"/> holds when the mail is sent (<see cref="Mails.CaseMails.Text"/>, ADR 0063).</summary>
internal sealed record NewMail(string IdempotencyKey, string To, string Subject, string Body, string Language, string? Template = null);

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
        table.AddColumn<string>("template").AllowNulls();
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
    /// <remarks>With <paramref name="keysExpectedNew"/> (the mails of newly opened cases, whose keys only a doubled opening
    /// repeats) the rows first go in as a plain insert under a savepoint, which costs the database about a quarter less
    /// than <c>on conflict do nothing</c>'s speculative insertion of every row (docs/benchmarks.md "Stop 37"); should a
    /// key be known after all, the savepoint is rolled back and the rows go in skipping the known keys, as always.</remarks>
    public static async Task<int> WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<NewMail> mails, CancellationToken ct,
        bool keysExpectedNew = false)
    {
        if (mails.Count == 0) return 0;
        if (connection is not NpgsqlConnection npgsql)
            throw new InvalidOperationException("The outbox lives in PostgreSQL: the connection must be an Npgsql connection.");
        var rows = Columns.Of(mails);
        if (keysExpectedNew && transaction is NpgsqlTransaction)
        {
            await using var batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction)transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"savepoint {Savepoint}"));
            batch.BatchCommands.Add(Insert(rows, skipKnown: false));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"release savepoint {Savepoint}"));
            try
            {
                return Convert.ToInt32(await batch.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await using var rollback = new NpgsqlCommand($"rollback to savepoint {Savepoint}; release savepoint {Savepoint}", npgsql, (NpgsqlTransaction)transaction);
                await rollback.ExecuteNonQueryAsync(ct);
            }
        }
        await using var skipping = new NpgsqlBatch(npgsql, transaction as NpgsqlTransaction) { BatchCommands = { Insert(rows, skipKnown: true) } };
        return Convert.ToInt32(await skipping.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string Savepoint = "outbox_write";

    private static NpgsqlBatchCommand Insert(Columns rows, bool skipKnown)
    {
        var command = new NpgsqlBatchCommand($"""
            with written as (
                insert into {Name} (id, idempotency_key, recipient, subject, body, language, template, status, attempts, next_attempt_at, created_at)
                select m.id, m.idempotency_key, m.recipient, m.subject, m.body, m.language, m.template, '{OutboxStatus.Pending}', 0, now(), now()
                from unnest($1, $2, $3, $4, $5, $6, $7) as m(id, idempotency_key, recipient, subject, body, language, template)
                {(skipKnown ? "on conflict (idempotency_key) do nothing" : "")}
                returning 1
            )
            select count(*), case when count(*) > 0 then pg_notify('{Channel}', '') end::text from written
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = rows.Ids });
        foreach (var column in new[] { rows.Keys, rows.Recipients, rows.Subjects, rows.Bodies, rows.Languages, rows.Templates })
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = column });
        return command;
    }

    /// <summary>The messages as the insert's arrays, one per column, each key once.</summary>
    private sealed record Columns(Guid[] Ids, string[] Keys, string[] Recipients, string[] Subjects, string[] Bodies, string[] Languages, string?[] Templates)
    {
        public static Columns Of(IReadOnlyList<NewMail> mails)
        {
            var seen = new HashSet<string>(mails.Count, StringComparer.Ordinal);
            var distinct = new List<NewMail>(mails.Count);
            foreach (var mail in mails) if (seen.Add(mail.IdempotencyKey)) distinct.Add(mail);
            var columns = new Columns(new Guid[distinct.Count], new string[distinct.Count], new string[distinct.Count], new string[distinct.Count],
                new string[distinct.Count], new string[distinct.Count], new string?[distinct.Count]);
            for (var i = 0; i < distinct.Count; i++)
            {
                var m = distinct[i];
                (columns.Ids[i], columns.Keys[i], columns.Recipients[i], columns.Subjects[i], columns.Bodies[i], columns.Languages[i], columns.Templates[i]) =
                    (Guid.CreateVersion7(), m.IdempotencyKey, m.To, m.Subject, m.Body, m.Language, m.Template);
            }
            return columns;
        }
    }
}
