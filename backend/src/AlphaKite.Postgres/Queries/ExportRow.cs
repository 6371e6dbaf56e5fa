namespace AlphaKite.Postgres.Queries;

/// <summary>One stored bar with the indicators beside it.</summary>
public sealed record ExportRow(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, long Volume, decimal? Sma9, decimal? Vwap);
