namespace AlphaKite.Lambda;

/// <summary>The environment is missing or has invalid variables; the message names each one.</summary>
public sealed class LambdaSettingsException(string message) : Exception(message);
