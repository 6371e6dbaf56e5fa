namespace AlphaKite.Lambda;

/// <summary>The invocation event is malformed; the message says what is wrong and what is accepted.</summary>
public sealed class InvalidEventException(string message) : Exception(message + " " + Accepted)
{
    public const string Accepted =
        "Accepted: {} (the minute schedule), {\"closeout\": true} (the close-out schedule), or any of {\"tickers\": [\"QQQ\", \"SPY\"], \"date\": \"YYYY-MM-DD\", \"force\": true}.";
}
