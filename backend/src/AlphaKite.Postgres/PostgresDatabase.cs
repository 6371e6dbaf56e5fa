using Npgsql;

namespace AlphaKite.Postgres;

/// <summary>
/// The database gateway every reader and writer goes through: the process's one Npgsql data source
/// (AOT-friendly slim builder), the deadline bound on every call, and the retry rule every write uses:
/// a transaction that fails because its pooled connection was dead (a frozen Lambda, a pooler restart,
/// pg_terminate_backend) runs once more on a fresh connection. Work passed in must be idempotent.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(PostgresSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        var builder = new NpgsqlSlimDataSourceBuilder(settings.ConnectionString);
        builder.EnableArrays();
        _dataSource = builder.Build();
    }

    public PostgresSettings Settings { get; }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits. A broken connection before the
    /// commit is retried once on a new physical connection; every other failure becomes a <see cref="BarStoreException"/>.
    /// The whole call ends when <paramref name="cancellationToken"/> fires, whatever Npgsql is waiting for
    /// (see <see cref="BoundedAsync{T}"/>).</summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            var progress = new AttemptProgress();
            try
            {
                return await BoundedAsync(AttemptAsync(work, progress, cancellationToken), cancellationToken);
            }
            catch (Exception e) when (attempt == 1 && !progress.Committing && PostgresErrors.IsBrokenConnection(e) && !cancellationToken.IsCancellationRequested)
            {
                // A dead pooled socket fails at once, so the retry has the time it needs; a timeout is
                // not retried (IsBrokenConnection): a server that did not answer once will not now.
                // The other idle connections in the pool died the same way: start from a clean pool.
                _dataSource.Clear();
            }
            catch (Exception e) when (PostgresErrors.IsTranslatable(e) && !cancellationToken.IsCancellationRequested)
            {
                throw PostgresErrors.Translate(e, Settings);
            }
        }
    }

    /// <summary>Runs a read through the write path: in a transaction (a read needs none; it costs a COMMIT
    /// round trip and keeps one path), with the same retry, error translation and deadline bound. That bound
    /// is what ends a hung read: the Dapper calls inside <paramref name="read"/> take no CancellationToken.</summary>
    public Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return InTransactionAsync((connection, _) => read(connection), cancellationToken);
    }

    /// <summary>An open connection for callers that manage their own transactions (migrations).</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await BoundedAsync(_dataSource.OpenConnectionAsync(cancellationToken).AsTask(), cancellationToken);
        }
        catch (Exception e) when (PostgresErrors.IsTranslatable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw PostgresErrors.Translate(e, Settings);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<T> AttemptAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, AttemptProgress progress, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        progress.Committing = true;
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Waits for <paramref name="task"/> no longer than <paramref name="cancellationToken"/> allows.
    /// Npgsql does not honour the token everywhere: while it waits for a server's startup reply it
    /// runs to its own Timeout (15 s), and a cancelled command behind a pooler whose server is gone
    /// waits for CommandTimeout plus the cancel request. Two such waits fill a 30 s Lambda and it is
    /// killed without a word. The abandoned task ends on Npgsql's own timeout and disposes its
    /// connection; its token is already cancelled, so it commits nothing after we gave up.
    /// </summary>
    private async Task<T> BoundedAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new OperationCanceledException(
                $"stopped waiting for PostgreSQL at {Settings.Endpoint} (database '{Settings.Database}', user '{Settings.Username}'): it had not finished when the deadline came", e, cancellationToken);
        }
    }

    private sealed class AttemptProgress
    {
        public bool Committing { get; set; }
    }
}
