namespace AlphaKite.Schwab.Tokens;

/// <summary>The token document is missing, is not JSON, or lacks a member schwab-py needs.
/// The message names the location and the member, and says what to do.</summary>
public sealed class TokenFileException(string message, Exception? inner = null) : Exception(message, inner);
