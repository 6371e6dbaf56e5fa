using System.Globalization;
using AlphaKite.Core.Ticks;

namespace AlphaKite.Lambda;

/// <summary>The invocation's response: API-Gateway-like, with the body as a JSON *string*, exactly
/// as the original function returned it (scripts and the guide's checks parse it).</summary>
public static class LambdaResponse
{
    public const string SuccessMessage = "Data fetched and uploaded successfully";
    public const string ClosedMessage = "Market is closed";

    public static string Success(TickReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tickers = report.Tickers.Select(t => t.Ticker).ToList();
        var body = PythonJson.Object(
            new("message", SuccessMessage),
            new("ticker", string.Join(',', tickers)),
            new("equity_rows", report.EquityRowsWritten),
            new("indicator_rows", report.IndicatorRowsWritten),
            new("tickers", tickers),
            new("date", report.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("bars", report.SessionBars));
        return Wrap(body);
    }

    public static string Closed() => Wrap(PythonJson.Object(new("message", ClosedMessage), new("skipped", true)));

    private static string Wrap(string body) => PythonJson.Object(new("statusCode", 200), new("body", body));
}
