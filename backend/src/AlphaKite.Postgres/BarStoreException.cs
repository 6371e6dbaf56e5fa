namespace AlphaKite.Postgres;

/// <summary>The database refused or could not be reached; the message says what to do and never holds a password.</summary>
public sealed class BarStoreException : Exception
{
    public BarStoreException(string message)
        : base(message)
    {
    }

    public BarStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BarStoreException()
    {
    }
}
