namespace AlphaKite.Core.Calendar;

/// <summary>A calendar override (file or data) is unusable; the message names the source and the entry.</summary>
public sealed class CalendarOverrideException : Exception
{
    public CalendarOverrideException(string message)
        : base(message)
    {
    }

    public CalendarOverrideException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CalendarOverrideException()
    {
    }
}
