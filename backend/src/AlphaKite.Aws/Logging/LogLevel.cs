namespace AlphaKite.Aws.Logging;

/// <summary>Severity of a log line; LOG_LEVEL names one of these.</summary>
public enum LogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}
