namespace AlphaKite.Aws.Secrets;

/// <summary>A secret or parameter the function needs is missing or unreadable; the message says
/// which one and the command that fixes it.</summary>
public sealed class SecretUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
