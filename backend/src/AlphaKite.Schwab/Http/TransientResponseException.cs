namespace AlphaKite.Schwab.Http;

/// <summary>Thrown inside a retry attempt so the resilience pipeline retries it; carries the reply.</summary>
internal sealed class TransientResponseException(HttpReply reply)
    // Status only: the body may echo a token or code, and callers build the redacted detail from Reply.
    : Exception($"HTTP {reply.Status} (transient)")
{
    public HttpReply Reply { get; } = reply;
}
