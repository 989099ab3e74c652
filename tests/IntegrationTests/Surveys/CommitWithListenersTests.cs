using Npgsql;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Surveys.Ingestion;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>ADR 0060: the commands response listeners add for the commit (FollowUps' figure stamps) go with it in one
/// batch. They commit with the transaction; when one fails, nothing of the transaction commits, as when a commit fails.
/// This is what ingestion relies on from PostgreSQL and Npgsql, checked on the real server.</summary>
public sealed class CommitWithListenersTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commands_sent_with_the_commit_commit_with_the_transaction_and_a_failing_one_commits_nothing()
    {
        var table = $"public.commit_with_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        await ExecuteAsync(connection, null, $"create table {table} (id int primary key)");
        try
        {
            // Written before, and with the commit: both commit, and the connection goes on as usual.
            await using (var transaction = await connection.BeginTransactionAsync(Ct))
            {
                await ExecuteAsync(connection, transaction, $"insert into {table} values (1)");
                await using var withCommit = new NpgsqlBatch(connection, transaction) { BatchCommands = { new($"insert into {table} values (2)") } };
                await SurveyIngestion.CommitAsync(transaction, withCommit, Ct);
            }
            Assert.Equal(new[] { 1, 2 }, await IdsAsync(connection, table));

            // A command with the commit fails (a duplicate key): the error reaches the caller, nothing of the transaction
            // commits, not even what came before the batch.
            await using (var transaction = await connection.BeginTransactionAsync(Ct))
            {
                await ExecuteAsync(connection, transaction, $"insert into {table} values (3)");
                await using var withCommit = new NpgsqlBatch(connection, transaction) { BatchCommands = { new($"insert into {table} values (2)") } };
                var failed = await Assert.ThrowsAsync<PostgresException>(() => SurveyIngestion.CommitAsync(transaction, withCommit, Ct));
                Assert.Equal(PostgresErrorCodes.UniqueViolation, failed.SqlState);
            }
            Assert.Equal(new[] { 1, 2 }, await IdsAsync(connection, table));

            // Nothing to send with the commit: a plain commit.
            await using (var transaction = await connection.BeginTransactionAsync(Ct))
            {
                await ExecuteAsync(connection, transaction, $"insert into {table} values (4)");
                await using var withCommit = new NpgsqlBatch(connection, transaction);
                await SurveyIngestion.CommitAsync(transaction, withCommit, Ct);
            }
            Assert.Equal(new[] { 1, 2, 4 }, await IdsAsync(connection, table));
        }
        finally
        {
            await ExecuteAsync(connection, null, $"drop table {table}");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>The committed ids, read on another connection.</summary>
    private async Task<int[]> IdsAsync(NpgsqlConnection connection, string table)
    {
        await using var other = new NpgsqlConnection(host.ConnectionString);
        await other.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"select id from {table} order by id", other);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) ids.Add(reader.GetInt32(0));
        // The ingesting connection is usable after each case (its transaction ended either way).
        await ExecuteAsync(connection, null, "select 1");
        return [.. ids];
    }
}
