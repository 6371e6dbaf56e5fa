using Npgsql;

namespace AlphaKite.Postgres;

/// <summary>
/// The process's one Npgsql data source (AOT-friendly slim builder) plus the retry rule every write uses:
/// a transaction that fails because its pooled connection was dead (a frozen Lambda, a pooler restart,
/// pg_terminate_backend) runs once more on a fresh connection. Work passed in must be idempotent.
/// </summary>
public sealed class BarStoreDataSource : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public BarStoreDataSource(PostgresConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        var builder = new NpgsqlSlimDataSourceBuilder(connection.ConnectionString);
        builder.EnableArrays();
        _dataSource = builder.Build();
    }

    public PostgresConnection Connection { get; }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits. A broken connection before the
    /// commit is retried once on a new physical connection; every other failure becomes a <see cref="BarStoreException"/>.</summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            var committing = false;
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection, transaction);
                committing = true;
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception e) when (attempt == 1 && !committing && PostgresErrors.IsBrokenConnection(e) && !cancellationToken.IsCancellationRequested)
            {
                // The other idle connections in the pool died the same way: start from a clean pool.
                _dataSource.Clear();
            }
            catch (Exception e) when (PostgresErrors.IsTranslatable(e) && !cancellationToken.IsCancellationRequested)
            {
                throw PostgresErrors.Translate(e, Connection);
            }
        }
    }

    /// <summary>Runs a read (no transaction needed) with the same retry and error translation.</summary>
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
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (PostgresErrors.IsTranslatable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw PostgresErrors.Translate(e, Connection);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
