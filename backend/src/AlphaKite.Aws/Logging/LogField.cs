namespace AlphaKite.Aws.Logging;

/// <summary>One structured field of a log line. Values: strings, numbers, booleans, dates, time
/// spans, string lists, exceptions (an object: type, message, stack and causes, see <see cref="ExceptionJson"/>); anything else is written with ToString.</summary>
public readonly record struct LogField(string Key, object? Value);
