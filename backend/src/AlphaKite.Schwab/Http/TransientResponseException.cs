namespace AlphaKite.Schwab.Http;

/// <summary>Thrown inside a retry attempt so the resilience pipeline retries it; carries the reply.</summary>
internal sealed class TransientResponseException(HttpReply reply)
    : Exception($"HTTP {reply.Status}: {ErrorDetail.Describe(reply)}")
{
    public HttpReply Reply { get; } = reply;
}
