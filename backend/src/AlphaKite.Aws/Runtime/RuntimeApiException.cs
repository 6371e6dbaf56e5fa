namespace AlphaKite.Aws.Runtime;

/// <summary>The Runtime API refused a call. A 500 means the runtime must exit (Lambda restarts the environment).</summary>
public sealed class RuntimeApiException(string message, int statusCode) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public bool MustExit => StatusCode >= 500;
}
