using AlphaKite.Core.Indicators;

namespace AlphaKite.Core.Ports;

/// <summary>Rows actually inserted or changed by an upsert.</summary>
public sealed record WriteResult(int EquityRows, int IndicatorRows)
{
    public static readonly WriteResult None = new(0, 0);
}

/// <summary>Where bars and indicators are stored (Postgres).</summary>
public interface IBarStore
{
    /// <summary>Upserts the bars and their indicators for one ticker in one transaction, writing only
    /// rows that are new or changed. All or nothing.</summary>
    Task<WriteResult> UpsertAsync(string ticker, IReadOnlyList<IndicatedBar> bars, CancellationToken cancellationToken);
}
