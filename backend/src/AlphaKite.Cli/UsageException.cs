namespace AlphaKite.Cli;

/// <summary>The command line is wrong: exit 2 with the message and a pointer to the command's help.</summary>
public sealed class UsageException(string message) : Exception(message);
