namespace AlphaKite.LocalPostgres;

/// <summary>PostgreSQL's server programs are not installed; the message says how to install them.</summary>
public sealed class PostgresNotInstalledException : Exception
{
    public PostgresNotInstalledException(string message)
        : base(message)
    {
    }

    public PostgresNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PostgresNotInstalledException()
        : base(PostgresBinaries.InstallHint)
    {
    }
}
