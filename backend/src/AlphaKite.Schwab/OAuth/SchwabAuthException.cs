namespace AlphaKite.Schwab.OAuth;

/// <summary>Getting a token failed: the token endpoint kept failing transiently (after retries),
/// answered something unexpected, or (as <see cref="ReauthenticationRequiredException"/>) refused us.</summary>
public class SchwabAuthException(string message, Exception? inner = null) : Exception(message, inner);
